import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DescribeDomainCommand } from '@aws-sdk/client-sagemaker';
import type { RunningEmulator } from './server.ts';
import { readSeedFile } from './seed.ts';
import { startTestEmulator } from './__testUtils__/emulator.ts';
import {
  clientsIn,
  jsonCall,
  launchTemplate,
} from './__testUtils__/templates.ts';

// The suite's own products (plugins/ml-environments-products, synthesized
// with CDK) launched in the demo organization under its guardrails, each
// from its template uploaded to S3, through Service Catalog.

const TEMPLATES = resolve(
  __dirname,
  '../../../plugins/ml-environments-products/templates',
);
const manifest: {
  products: Array<{
    id: string;
    templateFile: string;
    parameters: Array<{ name: string; default?: string }>;
  }>;
} = JSON.parse(readFileSync(resolve(TEMPLATES, 'manifest.json'), 'utf8'));

const ACCOUNTS = {
  dev: '200000000011',
  preprod: '200000000012',
  prod: '200000000013',
  automation: '200000000014',
  teamSharedServices: '100000000010',
  sandbox: '230000000001',
};

/** Where each product is launched (the account stage its manifest names). */
const LAUNCHED_IN: Record<string, string> = {
  'ml-studio-domain': ACCOUNTS.dev,
  'ml-sandbox-studio': ACCOUNTS.sandbox,
  'ml-model-build': ACCOUNTS.dev,
  'ml-model-registry': ACCOUNTS.teamSharedServices,
  'ml-deploy-pipeline': ACCOUNTS.automation,
  'ml-deployment-role': ACCOUNTS.preprod,
};

/** A value for each parameter the template requires, as the suite would give it. */
const VALUES: Record<string, string> = {
  // Not one of the seed's projects, which already run these products.
  ProjectName: 'churn-next',
  CostCenter: 'CC-1234',
  Owner: 'team-churn',
  VpcId: 'vpc-0a1b2c3d4e5f',
  SubnetIds: 'subnet-0a1b2c,subnet-0d4e5f',
  SecurityGroupIds: 'sg-0a1b2c3d',
  UserProfileName: 'ada',
  PreprodAccountId: ACCOUNTS.preprod,
  ProdAccountId: ACCOUNTS.prod,
  DevAccountId: ACCOUNTS.dev,
  AutomationAccountId: ACCOUNTS.automation,
  ModelPackageGroupArn: `arn:aws:sagemaker:us-east-1:${ACCOUNTS.teamSharedServices}:model-package-group/churn-next-models`,
  PipelineRoleArn: `arn:aws:iam::${ACCOUNTS.automation}:role/churn-next-deploy-pipeline`,
  ArtifactBucketName: 'churn-next-deploy-artifacts',
  ArtifactKeyArn: `arn:aws:kms:us-east-1:${ACCOUNTS.automation}:key/0b1c2d3e-0000-4000-8000-000000000000`,
  ModelArtifactBucketName: 'churn-next-model-artifacts',
};

function parametersOf(product: (typeof manifest.products)[number]) {
  return product.parameters
    .filter(p => p.default === undefined || p.name in VALUES)
    .filter(p => p.name !== 'UserProfileName' || product.id.includes('studio'))
    .map(p => ({ Key: p.name, Value: VALUES[p.name] ?? p.default! }));
}

describe("the suite's products, launched from their synthesized templates", () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator({
      seed: readSeedFile(resolve(__dirname, '../seeds/demo.yaml')),
    }));
  });
  afterEach(() => emulator.close());

  async function launch(id: string) {
    const product = manifest.products.find(p => p.id === id)!;
    const accountId = LAUNCHED_IN[id];
    const clients = await clientsIn(emulator, accountId);
    const record = await launchTemplate(
      clients,
      accountId,
      product.templateFile,
      parametersOf(product),
      id,
      readFileSync(resolve(TEMPLATES, product.templateFile), 'utf8'),
    );
    return { clients, record };
  }

  it('has a launch account for every product of the manifest', () => {
    expect(manifest.products.map(p => p.id).sort()).toEqual(
      Object.keys(LAUNCHED_IN).sort(),
    );
  });

  it.each(Object.keys(LAUNCHED_IN))(
    'launches %s under the guardrails of its account',
    async id => {
      const { record } = await launch(id);
      expect(record.RecordDetail?.RecordErrors).toEqual([]);
      expect(record.RecordDetail?.Status).toBe('SUCCEEDED');
      expect(record.RecordOutputs?.length).toBeGreaterThan(0);
    },
  );

  it('gives the dev account a VPC-only Studio domain with its KMS key and subnets', async () => {
    const { clients, record } = await launch('ml-studio-domain');
    const outputs = Object.fromEntries(
      record.RecordOutputs!.map(o => [o.OutputKey, o.OutputValue]),
    );
    const domain = await clients.sageMaker.send(
      new DescribeDomainCommand({ DomainId: outputs.DomainId }),
    );
    expect(domain).toMatchObject({
      AppNetworkAccessType: 'VpcOnly',
      AuthMode: 'IAM',
      KmsKeyId: outputs.KmsKeyArn,
      SubnetIds: ['subnet-0a1b2c', 'subnet-0d4e5f'],
      VpcId: 'vpc-0a1b2c3d4e5f',
      DomainSettings: {
        ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME',
      },
      DefaultUserSettings: {
        ExecutionRole: outputs.ExecutionRoleArn,
        SecurityGroups: ['sg-0a1b2c3d'],
      },
    });
  });

  it('gives the automation account the deploy pipeline, waiting for approval before prod', async () => {
    const { clients, record } = await launch('ml-deploy-pipeline');
    const name = record.RecordOutputs!.find(
      o => o.OutputKey === 'PipelineName',
    )!.OutputValue;
    const { body } = await jsonCall(
      emulator,
      clients.accessKeyId,
      'codepipeline',
      'CodePipeline_20150709.GetPipeline',
      { name },
    );
    const stages = body.pipeline.stages;
    expect(stages.map((s: any) => s.name)).toEqual([
      'Source',
      'DeployPreprod',
      'ApproveProd',
      'DeployProd',
    ]);
    expect(stages[2].actions[0].actionTypeId).toMatchObject({
      category: 'Approval',
      provider: 'Manual',
    });
    expect(stages[3].actions[0].roleArn).toBe(
      `arn:aws:iam::${ACCOUNTS.prod}:role/ml-deployment-role`,
    );
  });
});
