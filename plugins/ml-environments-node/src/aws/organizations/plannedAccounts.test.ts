import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { startEmulator, type RunningEmulator } from '@mlgov/aws-emulator';
import { OuResolver } from './organizationalUnits';
import { findPlannedAccounts } from './plannedAccounts';

const planned = (stage: string, ouPath = 'Workloads/Dev') => ({
  name: `churn-${stage}`,
  email: `aws+churn-${stage}@example.com`,
  ouPath,
});

describe('findPlannedAccounts', () => {
  let emulator: RunningEmulator;
  let client: OrganizationsClient;

  beforeEach(async () => {
    emulator = await startEmulator({
      config: { asyncDelayMs: 0 },
      seed: {
        organizationalUnits: [
          {
            name: 'Workloads',
            children: [
              {
                name: 'Dev',
                accounts: [
                  {
                    name: 'churn-dev',
                    email: 'AWS+Churn-Dev@example.com',
                    id: '222222222222',
                  },
                ],
              },
            ],
          },
          {
            name: 'Elsewhere',
            accounts: [
              {
                name: 'churn-prod',
                email: 'aws+churn-prod@example.com',
                id: '333333333333',
              },
            ],
          },
        ],
      },
    });
    client = new OrganizationsClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator-management', secretAccessKey: 'x' },
    });
  });

  afterEach(() => emulator.close());

  it("finds accounts in their OU, in the Root, the record's and those the suite made and someone moved, without scanning the organization", async () => {
    // A run made this one and stopped before moving it: it is in the Root.
    await client.send(
      new CreateAccountCommand({
        AccountName: 'churn-preprod',
        Email: 'aws+churn-preprod@example.com',
      }),
    );
    // One made by the suite and since moved by hand: AWS remembers its creation.
    const { CreateAccountStatus: request } = await client.send(
      new CreateAccountCommand({
        AccountName: 'churn-test',
        Email: 'aws+churn-test@example.com',
      }),
    );
    let status = request;
    while (status?.State === 'IN_PROGRESS') {
      ({ CreateAccountStatus: status } = await client.send(
        new DescribeCreateAccountStatusCommand({
          CreateAccountRequestId: request!.Id,
        }),
      ));
    }
    const elsewhere = [...emulator.state.ous.values()].find(
      ou => ou.name === 'Elsewhere',
    )!;
    await client.send(
      new MoveAccountCommand({
        AccountId: status!.AccountId,
        SourceParentId: emulator.state.rootId,
        DestinationParentId: elsewhere.id,
      }),
    );
    const byEmail = await findPlannedAccounts(
      client,
      [
        planned('dev'),
        planned('preprod'),
        planned('prod'),
        planned('test', 'Missing/Ou'),
      ],
      { recordedIds: ['333333333333'] },
    );
    expect(
      Object.fromEntries([...byEmail].map(([email, a]) => [email, a.Id])),
    ).toEqual({
      'aws+churn-dev@example.com': '222222222222',
      'aws+churn-preprod@example.com': expect.stringMatching(/^\d{12}$/),
      'aws+churn-prod@example.com': '333333333333',
      'aws+churn-test@example.com': expect.stringMatching(/^\d{12}$/),
    });
    expect(emulator.callCounts()['organizations:ListAccounts']).toBeUndefined();
  });

  it('leaves out an account elsewhere that nothing records, and one in the Root whose name matches but email does not', async () => {
    await client.send(
      new CreateAccountCommand({
        AccountName: 'churn-test',
        Email: 'someone-else@example.com',
      }),
    );
    const byEmail = await findPlannedAccounts(client, [
      planned('prod'),
      planned('test'),
    ]);
    expect(byEmail.size).toBe(0);
  });

  it('reads each parent once for paths that share it', async () => {
    const ous = new OuResolver(client);
    const [dev, workloads, missing] = await Promise.all([
      ous.find('Workloads/Dev'),
      ous.find('Workloads'),
      ous.find('Workloads/Prod'),
    ]);
    expect(dev?.Name).toBe('Dev');
    expect(workloads?.Name).toBe('Workloads');
    expect(missing).toBeUndefined();
    // The root's children and Workloads' children, once each.
    expect(
      emulator.callCounts()['organizations:ListOrganizationalUnitsForParent'],
    ).toBe(2);
  });
});
