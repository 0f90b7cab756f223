import { ConfigReader } from '@backstage/config';
import express from 'express';
import request from 'supertest';
import { refuseEveryRoute, unsafeDeploymentReason } from './unsafeDeployment';

describe('unsafeDeploymentReason', () => {
  it('refuses production without the permission framework, whichever way production is said', () => {
    const off = new ConfigReader({});
    expect(unsafeDeploymentReason(off, { NODE_ENV: 'production' })).toMatch(
      /refuses to serve: this is production and permission.enabled is not true/,
    );
    expect(
      unsafeDeploymentReason(
        new ConfigReader({ auth: { environment: 'production' } }),
        {},
      ),
    ).toBeDefined();
    expect(
      unsafeDeploymentReason(
        new ConfigReader({ permission: { enabled: true } }),
        {
          NODE_ENV: 'production',
        },
      ),
    ).toBeUndefined();
    // Development keeps Backstage's own default.
    expect(
      unsafeDeploymentReason(off, { NODE_ENV: 'development' }),
    ).toBeUndefined();
  });

  it('answers every route with the reason', async () => {
    const app = express().use(refuseEveryRoute('why'));
    const res = await request(app).post('/projects/x/studio-url');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe('why');
  });
});
