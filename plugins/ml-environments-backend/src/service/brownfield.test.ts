import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  brownfieldSeed,
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import request from 'supertest';
import { refreshOrThrow } from './__testUtils__/refresh';
import { mlEnvironmentsPlugin } from '../plugin';
import { accountEntity, accountsOf } from '../catalog/accountEntities';

// The suite on a company's organization that it did not make: 1,000
// accounts, OUs five deep, other teams' SCPs (see brownfield.ts).
describe('ml-environments routes on a brownfield organization', () => {
  let emulator: RunningEmulator;
  let server: any;
  const user = mockCredentials.user.header('user:default/guest');
  const get = (path: string) =>
    request(server)
      .get(`/api/ml-environments${path}`)
      .set('authorization', user);

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: brownfieldSeed(),
      config: { asyncDelayMs: 0 },
    });
    ({ server } = await startTestBackend({
      features: [
        mlEnvironmentsPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...suiteConfigFor(emulator.url),
            mlEnvironments: {
              ...suiteConfigFor(emulator.url).mlEnvironments,
              projects: {
                adopt: [
                  {
                    project: 'churn-prediction',
                    owner: 'group:default/team-churn',
                  },
                ],
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    }));
    await refreshOrThrow(server, user);
  });
  afterAll(() => emulator.close());

  it('shows every account, telling the suite’s from the others and closed ones', async () => {
    const res = await get('/organization').expect(200);
    const accounts = accountsOf(res.body.root) as any[];
    expect(accounts).toHaveLength(emulator.state.accounts.size);
    const byName = new Map(accounts.map(a => [a.name, a]));
    expect(byName.get('churn-prediction-dev')).toMatchObject({
      managed: true,
      project: 'churn-prediction',
    });
    // Tagged as a suite project, but not in the suite's record.
    expect(byName.get('legacy-ml-01-sandbox')).toMatchObject({
      managed: false,
      project: 'legacy-ml-01',
    });
    expect(accounts.filter(a => !a.managed).length).toBeGreaterThan(990);
    expect(accounts.some(a => a.status === 'SUSPENDED')).toBe(true);
    // The catalog provider makes an entity of each, unmanaged ones marked.
    const entities = accounts.map(a =>
      accountEntity(a, 'group:default/platform-team'),
    );
    expect(new Set(entities.map(e => e.metadata.name)).size).toBe(
      accounts.length,
    );
    expect(
      entities.filter(
        e => e.metadata.annotations?.['ml-environments.io/managed'] === 'false',
      ).length,
    ).toBe(accounts.filter(a => !a.managed).length);
  });

  it('answers the guardrails of every account and OU without an error', async () => {
    const ids = [
      ...emulator.state.accounts.keys(),
      ...emulator.state.ous.keys(),
    ];
    const failures: string[] = [];
    for (const id of ids) {
      const res = await get(`/targets/${id}/guardrails`);
      if (res.status !== 200) failures.push(`${id}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('says "unknown, because …" where another team’s SCP depends on the caller’s network', async () => {
    const prodOu = [...emulator.state.ous.values()].find(
      o => o.name === 'BU01_Prod',
    )!;
    const account = [...emulator.state.accounts.values()].find(
      a => a.parentId === prodOu.id,
    )!;
    const res = await request(server)
      .post('/api/ml-environments/evaluate')
      .set('authorization', user)
      .send({
        accountId: account.id,
        actions: ['sagemaker:CreateTrainingJob'],
        resource: `arn:aws:sagemaker:us-east-1:${account.id}:training-job/x`,
      })
      .expect(200);
    expect(res.body.items[0]).toMatchObject({
      decision: 'unknown',
      decidedBy: {
        policy: 'bu01-corporate-network-only',
        statement: 'DenyOutsideCorporateNetwork',
      },
    });
    expect(res.body.items[0].explanation).toContain('aws:SourceIp');
    const project = await get('/projects/churn-prediction').expect(200);
    expect(project.body.accounts.length).toBeGreaterThan(0);
  });
});
