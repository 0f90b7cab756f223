import { mockServices } from '@backstage/backend-test-utils';
import { AwsAccountEntityProvider } from './AwsAccountEntityProvider';

/** An account; with a project, one of the suite's record. */
const account = (id: string, project?: string) => ({
  id,
  name: `account-${id}`,
  ouPath: 'Workloads',
  ...(project ? { project, managed: true } : {}),
});

describe('AwsAccountEntityProvider', () => {
  let organization: { root: { accounts: any[]; children: any[] } };
  const fetchSpy = jest.spyOn(global, 'fetch');

  beforeEach(() => {
    organization = {
      root: {
        accounts: [account('1'), account('2'), account('3')],
        children: [],
      },
    };
    fetchSpy.mockImplementation(
      async () => new Response(JSON.stringify(organization)),
    );
  });
  afterAll(() => fetchSpy.mockRestore());

  async function connected() {
    const provider = new AwsAccountEntityProvider({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      defaultOwner: 'group:default/platform-team',
    });
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await provider.connect(connection);
    return { provider, connection };
  }

  it('emits the whole set first, then only what changed', async () => {
    const { provider, connection } = await connected();
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: 'full' }),
    );
    expect(connection.applyMutation.mock.calls[0][0].entities).toHaveLength(3);

    organization.root.accounts = [
      account('1', 'churn'),
      account('2'),
      account('4'),
    ];
    await provider.refresh();
    const delta = connection.applyMutation.mock.calls[1][0];
    expect(delta.type).toBe('delta');
    expect(delta.added.map((d: any) => d.entity.metadata.name)).toEqual([
      'aws-account-1',
      'aws-account-4',
    ]);
    expect(delta.removed).toEqual([
      {
        entityRef: 'resource:default/aws-account-3',
        locationKey: 'ml-environments-aws-accounts',
      },
    ]);

    // Nothing changed: nothing sent.
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
  });
});
