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
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it("reads the data lake's databases from GET /datasets", async () => {
    const items = [{ name: 'sales', description: 'Orders and returns' }];
    const fetch = jest.fn(async () => new Response(JSON.stringify({ items })));
    const client = new MlEnvironmentsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    expect(await client.listDatasets()).toEqual(items);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/ml-environments/datasets',
      expect.objectContaining({ method: 'GET' }),
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

  it('starts a refresh with POST and follows its progress to the end', async () => {
    const states = ['running', 'running', 'succeeded'];
    const fetch = jest.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'POST'
        ? new Response(JSON.stringify({ refreshId: 'r-1' }), { status: 202 })
        : new Response(
            JSON.stringify({
              id: 'r-1',
              state: states.shift(),
              takenAt: '2026-11-27T00:00:00Z',
            }),
          ),
    );
    const client = new MlEnvironmentsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
      pollIntervalMs: 1,
    });
    expect(await client.refresh()).toMatchObject({
      state: 'succeeded',
      takenAt: '2026-11-27T00:00:00Z',
    });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://backend/api/ml-environments/refresh',
      'http://backend/api/ml-environments/refresh/r-1',
      'http://backend/api/ml-environments/refresh/r-1',
      'http://backend/api/ml-environments/refresh/r-1',
    ]);
  });

  it('rejects with the reason when the refresh fails', async () => {
    const fetch = jest.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'POST'
        ? new Response(JSON.stringify({ refreshId: 'r-2' }), { status: 202 })
        : new Response(
            JSON.stringify({
              id: 'r-2',
              state: 'failed',
              error: 'AccessDeniedException: no',
            }),
          ),
    );
    const client = new MlEnvironmentsClient({
      discoveryApi,
      fetchApi: { fetch } as any,
    });
    await expect(client.refresh()).rejects.toThrow('AccessDeniedException: no');
  });
});
