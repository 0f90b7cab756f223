import { MlScorecardClient } from './MlScorecardClient';

const check = (id: string, factIds: string[], remediation?: string) => ({
  id,
  name: `Check ${id}`,
  description: `What ${id} checks`,
  factIds,
  metadata: remediation ? { remediation } : {},
});

describe('MlScorecardClient', () => {
  const discoveryApi = {
    getBaseUrl: async (id: string) => `http://backend/api/${id}`,
  };
  const clientAnswering = (status: number, body: unknown) => {
    const fetch = jest.fn(
      async () =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
    );
    return {
      fetch,
      client: new MlScorecardClient({ discoveryApi, fetchApi: { fetch } }),
    };
  };

  it("runs an entity's checks and keeps the suite's, with the remediation of those failing", async () => {
    const { client, fetch } = clientAnswering(200, [
      {
        result: false,
        check: check(
          'mlGuardrailsInPlace',
          ['mlEnvironmentsProjectFacts'],
          'Re-apply',
        ),
      },
      {
        result: true,
        check: check(
          'mlProductsCurrent',
          ['mlEnvironmentsProjectFacts'],
          'Update',
        ),
      },
      // Another team's check on the same System: not the suite's card.
      {
        result: false,
        check: check('groupOwner', ['entityOwnershipFactRetriever']),
      },
    ]);
    expect(await client.runChecks('system:default/churn-prediction')).toEqual([
      {
        checkId: 'mlGuardrailsInPlace',
        name: 'Check mlGuardrailsInPlace',
        description: 'What mlGuardrailsInPlace checks',
        passed: false,
        remediation: 'Re-apply',
      },
      {
        checkId: 'mlProductsCurrent',
        name: 'Check mlProductsCurrent',
        description: 'What mlProductsCurrent checks',
        passed: true,
      },
    ]);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/tech-insights/checks/run/default/system/churn-prediction',
      expect.objectContaining({ method: 'POST', body: '{}' }),
    );
  });

  it('answers undefined where Tech Insights is not installed (404)', async () => {
    const { client } = clientAnswering(404, {
      error: { name: 'NotFoundError' },
    });
    expect(await client.runChecks('system:default/churn-prediction')).toBe(
      undefined,
    );
    expect(await client.runChecksForEntities(['resource:default/a'])).toBe(
      undefined,
    );
  });

  it('throws what the backend said on another failure', async () => {
    const { client } = clientAnswering(403, {
      error: { name: 'NotAllowedError', message: 'Unauthorized' },
      response: { statusCode: 403 },
    });
    await expect(client.runChecks('system:default/x')).rejects.toMatchObject({
      statusCode: 403,
      body: { error: { message: 'Unauthorized' } },
    });
  });

  it('runs many entities in one request, by entity ref', async () => {
    const { client, fetch } = clientAnswering(200, [
      {
        entity: 'resource:default/aws-account-1',
        results: [
          {
            result: true,
            check: check('mlAccountEnrolled', ['mlEnvironmentsAccountFacts']),
          },
        ],
      },
    ]);
    const answer = await client.runChecksForEntities([
      'resource:default/aws-account-1',
    ]);
    expect(answer?.get('resource:default/aws-account-1')).toEqual([
      expect.objectContaining({ checkId: 'mlAccountEnrolled', passed: true }),
    ]);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/tech-insights/checks/run',
      expect.objectContaining({
        body: JSON.stringify({ entities: ['resource:default/aws-account-1'] }),
      }),
    );
  });

  it('asks for a thousand entities in batches of 500', async () => {
    const { client, fetch } = clientAnswering(200, []);
    const refs = Array.from(
      { length: 1001 },
      (_, i) => `resource:default/a${i}`,
    );
    expect((await client.runChecksForEntities(refs))?.size).toBe(0);
    expect(
      fetch.mock.calls.map(
        ([, init]: any) => JSON.parse(init.body).entities.length,
      ),
    ).toEqual([500, 500, 1]);
  });
});
