import {
  AttachPolicyCommand,
  CreatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { ConfigReader } from '@backstage/config';
import { adminConfigFor } from '@mlgov/aws-emulator';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { createProvisionProjectAction } from './provisionProject';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

const devProject = {
  pattern: 'dev' as const,
  project: 'price-elasticity',
  owner: 'group:default/team-pricing',
  costCenter: 'CC-4001',
  accountEmailTemplate: 'aws+{project}-{stage}@example.com',
};

// Each launch is re-checked for its actual account: the SCPs from the root
// down to it as they are when it launches, with the launch's own values.
describe('aws:ml:provisionProject re-checks each product for its account', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  /** An SCP on Workloads_Dev that the product's publishing did not see. */
  const attachToDev = async (name: string, statement: object) => {
    const admin = MlAwsClients.fromConfig(
      new ConfigReader(adminConfigFor(env.emulator.url)),
    );
    const org = await admin.organizations();
    const { Policy } = await org.send(
      new CreatePolicyCommand({
        Name: name,
        Description: 'added after the products were published',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Resource: '*', ...statement }],
        }),
      }),
    );
    const dev = [...env.emulator.state.ous.values()].find(
      o => o.name === 'Workloads_Dev',
    )!;
    await org.send(
      new AttachPolicyCommand({
        PolicyId: Policy!.PolicySummary!.Id!,
        TargetId: dev.id,
      }),
    );
  };

  it('refuses a product its account denies, naming resource, call, policy and statement, before launching it', async () => {
    await attachToDev('freeze-price-elasticity', {
      Sid: 'NoNewStudio',
      Action: 'sagemaker:CreateDomain',
      Condition: {
        StringEquals: { 'aws:RequestTag/ml-project': 'price-elasticity' },
      },
    });
    const { ctx } = createTestActionContext(devProject);

    const run = createProvisionProjectAction(env.deps).handler(ctx);

    await expect(run).rejects.toThrow(
      /Not launching .* StudioDomain \(sagemaker:CreateDomain\) by freeze-price-elasticity statement NoNewStudio/,
    );
    const calls = env.mutatingCalls() as Record<string, number>;
    expect(calls['servicecatalog:ProvisionProduct']).toBeUndefined();
    expect(calls['servicecatalog:AcceptPortfolioShare']).toBeUndefined();
  });

  it('launches when the answer is unknown, with a warning in the task log saying why', async () => {
    // The domain's key is the stack's own: its ARN is known only once
    // CloudFormation made it, so the check cannot tell.
    await attachToDev('approved-keys-only', {
      Sid: 'KmsKeysOfTheAccount',
      Action: 'sagemaker:CreateDomain',
      Condition: {
        StringNotLike: { 'sagemaker:VolumeKmsKeyArn': 'arn:aws:kms:*:*:key/*' },
      },
    });
    const { ctx, logger } = createTestActionContext(devProject);

    await createProvisionProjectAction(env.deps).handler(ctx);

    const warnings = logger.warn.mock.calls.map(call => String(call[0]));
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /StudioDomain \(sagemaker:CreateDomain\) by approved-keys-only statement KmsKeysOfTheAccount: .*unknown.*because StringNotLike on sagemaker:VolumeKmsKeyArn/,
      ),
    );
    expect(
      (env.mutatingCalls() as Record<string, number>)[
        'servicecatalog:ProvisionProduct'
      ],
    ).toBeGreaterThan(0);
  });
});
