import { ConfigReader } from '@backstage/config';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
} from '@aws-sdk/client-organizations';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import { evaluateScps } from '@mlgov/plugin-ml-environments-common';
import { resolve } from 'node:path';
import { MlAwsClients } from '../../clients';
import { createScpChainCache, readScpChain } from './scpChain';

const DEV = '200000000011';

describe('readScpChain', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let clients: MlAwsClients;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(
          __dirname,
          '../../../../../packages/aws-emulator/seeds/demo.yaml',
        ),
      ),
    });
    clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
  });
  afterAll(() => emulator.close());

  it("reads an account's SCPs from the root down, its own included", async () => {
    const org = await clients.organizations();
    const { Policy } = await org.send(
      new CreatePolicyCommand({
        Name: 'no-notebooks-here',
        Description: 'account-level SCP of the test',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'NoNotebooks',
              Effect: 'Deny',
              Action: 'sagemaker:CreateNotebookInstance',
              Resource: '*',
            },
          ],
        }),
      }),
    );
    await org.send(
      new AttachPolicyCommand({
        PolicyId: Policy!.PolicySummary!.Id!,
        TargetId: DEV,
      }),
    );

    const chain = await readScpChain(org, DEV);

    expect(chain.map(l => l.label)).toEqual([
      'Root',
      'OU Workloads',
      'OU Workloads/Workloads_Dev',
      `account ${DEV}`,
    ]);
    const names = chain.map(l => l.policies.map(p => p.name));
    expect(names[2]).toContain('mlgov-require-vpc');
    expect(names[3]).toContain('no-notebooks-here');
    // The chain is what the evaluator judges: the dev OU's require-vpc and
    // the account's own SCP both decide.
    expect(
      evaluateScps(chain, {
        action: 'sagemaker:CreateDomain',
        context: {
          'sagemaker:AppNetworkAccessType': 'PublicInternetOnly',
          'sagemaker:VolumeKmsKeyArn':
            'arn:aws:kms:us-east-1:200000000011:key/k',
          'aws:RequestTag/cost-center': 'CC-1',
          'aws:RequestTag/ml-project': 'p',
        },
      }).decidedBy,
    ).toMatchObject({
      policy: 'mlgov-require-vpc',
      statement: 'StudioVpcOnly',
    });
    const notebook = evaluateScps(chain, {
      action: 'sagemaker:CreateNotebookInstance',
    });
    expect([notebook.decidedBy, ...notebook.alsoDeniedBy]).toContainEqual(
      expect.objectContaining({
        policy: 'no-notebooks-here',
        level: `account ${DEV}`,
      }),
    );
  });

  it('reads what chains share once when they share a cache', async () => {
    const org = await clients.organizations();
    const alone = await readScpChain(org, '220000000011');
    const before = emulator.callCounts();
    const cache = createScpChainCache();
    const chains = await Promise.all(
      ['200000000011', '220000000011', '200000000012'].map(id =>
        readScpChain(org, id, cache),
      ),
    );
    const calls = (op: string) =>
      (emulator.callCounts()[`organizations:${op}`] ?? 0) -
      (before[`organizations:${op}`] ?? 0);
    // The same chain as without a cache.
    expect(chains[1]).toEqual(alone);
    // Root, Workloads, its Dev and PreProd OUs, and three accounts: each
    // target once, each SCP document once, each parent once.
    const targets = new Set(chains.flatMap(c => c.map(l => l.label)));
    expect(calls('ListPoliciesForTarget')).toBe(targets.size);
    const documents = new Set(
      chains.flatMap(c => c.flatMap(l => l.policies.map(p => p.name))),
    );
    expect(calls('DescribePolicy')).toBe(documents.size);
    expect(calls('ListParents')).toBe(3 + 3);
    expect(calls('DescribeOrganizationalUnit')).toBe(3);
  });

  it('fails for an account that is not in the organization', async () => {
    await expect(
      readScpChain(await clients.organizations(), '999999999999'),
    ).rejects.toThrow();
  });
});
