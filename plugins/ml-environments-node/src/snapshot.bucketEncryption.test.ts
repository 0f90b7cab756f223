import { ConfigReader } from '@backstage/config';
import { PutBucketEncryptionCommand } from '@aws-sdk/client-s3';
import {
  adminConfigFor,
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
  OrganizationSnapshot,
  evaluateAccountGuardrails,
  guardrailAlerts,
} from '@mlgov/plugin-ml-environments-common';
import { resolve } from 'node:path';
import { MlAwsClients } from './clients';
import { readOrganizationSnapshot } from './snapshot';

/** The demo organization with churn-prediction's model build launched too. */
function seed() {
  const demo = readSeedFile(
    resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
  );
  demo.provisionedProducts!.push({
    account: 'churn-prediction-dev',
    product: 'ML model-build pipeline',
    name: 'churn-prediction-model-build',
    parameters: {
      ProjectName: 'churn-prediction',
      CostCenter: 'CC-1001',
      Owner: 'group:default/team-churn',
      ModelPackageGroupArn:
        'arn:aws:sagemaker:us-east-1:100000000010:model-package-group/churn-prediction-models',
      PreprodAccountId: '200000000012',
      ProdAccountId: '200000000013',
      SubnetIds: 'subnet-0a1b2c3d4e5f60719,subnet-0b1c2d3e4f5a6b7c8',
      SecurityGroupIds: 'sg-0c1d2e3f4a5b6c7d8',
    },
    tags: { 'ml-project': 'churn-prediction', 'cost-center': 'CC-1001' },
  } as any);
  return demo;
}

const drifted = (snapshot: OrganizationSnapshot, accountId: string) =>
  evaluateAccountGuardrails(
    snapshot,
    accountId,
    DEFAULT_BASELINE,
    DEFAULT_GUARDRAIL_PARAMETERS,
  )!.guardrails.filter(g => g.state === 'drifted');

describe("the products' artifact buckets' encryption in the status", () => {
  it("reads the MLOps project's buckets back as SSE-KMS with their keys, and one switched to AES256 is drift saying what to do", async () => {
    const emulator = await startEmulator({
      seed: seed(),
      config: { asyncDelayMs: 0 },
    });
    try {
      const clients = MlAwsClients.fromConfig(
        new ConfigReader(suiteConfigFor(emulator.url)),
      );
      const accounts = [...emulator.state.accounts.values()];
      const dev = accounts.find(a => a.name === 'churn-prediction-dev')!;
      const automation = accounts.find(
        a => a.name === 'churn-prediction-automation',
      )!;
      const before = await readOrganizationSnapshot(clients);
      const buckets = [dev, automation].map(account => {
        const product = before.products.find(
          p => p.accountId === account.id && p.outputs.ArtifactBucketName,
        )!;
        expect(product.resources).toEqual([
          {
            logicalId: 'ArtifactBucket',
            type: 'AWS::S3::Bucket',
            physicalId: product.outputs.ArtifactBucketName,
            properties: {
              BucketEncryption: {
                ServerSideEncryptionConfiguration: [
                  {
                    ServerSideEncryptionByDefault: {
                      SSEAlgorithm: 'aws:kms',
                      KMSMasterKeyID: product.outputs.ArtifactKeyArn,
                    },
                  },
                ],
              },
            },
          },
        ]);
        return product.outputs;
      });
      expect(drifted(before, dev.id)).toEqual([]);
      expect(drifted(before, automation.id)).toEqual([]);

      // An administrator in the console sets the model build's bucket to
      // SSE-S3 (through OrganizationAccountAccessRole).
      const [modelBuild] = buckets;
      const admin = MlAwsClients.fromConfig(
        new ConfigReader(adminConfigFor(emulator.url)),
      );
      await (
        await admin.forAccount(dev.id)
      ).s3.send(
        new PutBucketEncryptionCommand({
          Bucket: modelBuild.ArtifactBucketName,
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
              },
            ],
          },
        }),
      );
      const after = await readOrganizationSnapshot(clients, before);
      const [requireKms, ...others] = drifted(after, dev.id);
      expect(others).toEqual([]);
      expect(requireKms.guardrailId).toBe('require-kms');
      expect(requireKms.reason).toContain(
        `ArtifactBucket ${modelBuild.ArtifactBucketName} of product churn-prediction-model-build no longer conforms: its default encryption is AES256`,
      );
      expect(requireKms.reason).toContain(
        `Restore the default encryption to the product's KMS key ${modelBuild.ArtifactKeyArn} or terminate and relaunch the product`,
      );
      expect(drifted(after, automation.id)).toEqual([]);

      // What StatusNotifier tells the project's owners: a new alert.
      const alerts = (snapshot: OrganizationSnapshot) =>
        guardrailAlerts(
          snapshot,
          new Map([['churn-prediction', 'group:default/team-churn']]),
          {
            baseline: DEFAULT_BASELINE,
            parameters: DEFAULT_GUARDRAIL_PARAMETERS,
          },
        ).filter(a => a.key === `${dev.id}/require-kms`);
      expect(alerts(before)).toEqual([]);
      expect(alerts(after)).toEqual([
        expect.objectContaining({
          owner: 'group:default/team-churn',
          state: 'drifted',
          reason: requireKms.reason,
        }),
      ]);
    } finally {
      await emulator.close();
    }
  });
});
