import { MlEnvironmentsClient } from './MlEnvironmentsClient';

describe('MlEnvironmentsClient', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://backend/api/ml-environments',
  };

  it('asks for a Studio URL with POST and returns it', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({ url: 'https://x', expiresInSeconds: 300 }),
        ),
    );
    const client = new MlEnvironmentsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    expect(await client.createStudioUrl('churn prediction')).toEqual({
      url: 'https://x',
      expiresInSeconds: 300,
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/ml-environments/projects/churn%20prediction/studio-url',
      { method: 'POST' },
    );
  });

  it("turns an error response into a ResponseError carrying the backend's error", async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message: 'No AWS account is tagged',
            },
            response: { statusCode: 404 },
          }),
          {
            status: 404,
            headers: { 'content-type': 'application/json' },
          },
        ),
    );
    const client = new MlEnvironmentsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    await expect(client.getProject('churn-prediction')).rejects.toMatchObject({
      name: 'ResponseError',
      body: {
        error: { name: 'NotFoundError', message: 'No AWS account is tagged' },
      },
    });
  });

  it('unwraps the pattern list and refreshes with POST', async () => {
    const fetch = jest.fn(async (url: string) =>
      url.endsWith('/patterns')
        ? new Response(JSON.stringify({ items: [{ id: 'sandbox' }] }))
        : new Response(JSON.stringify({ takenAt: '2026-11-27T00:00:00Z' })),
    );
    const client = new MlEnvironmentsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    expect(await client.getPatterns()).toEqual([{ id: 'sandbox' }]);
    expect(await client.refresh()).toEqual({ takenAt: '2026-11-27T00:00:00Z' });
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backend/api/ml-environments/refresh',
      { method: 'POST' },
    );
  });
});
