import {
  DescribeProductAsAdminCommand,
  DescribeProvisionedProductCommand,
  DescribeProvisioningArtifactCommand,
  ServiceCatalogClient,
  UpdateProvisionedProductCommand,
} from '@aws-sdk/client-service-catalog';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ConfigReader } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  adminConfigFor,
  readSeedFile,
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { MlAwsClients } from '../clients';
import {
  ensureProductPublished,
  planProductPublishing,
} from './productPublishing';
import { ensureTemplateUploaded } from './templatesBucket';
import { findOwnPortfolio } from './serviceCatalog';
import { ProvisioningStep } from './step';
import { ensureProductUpdated } from './serviceCatalogUpdate';

const SHARED_SERVICES = '100000000010';
const PRODUCT = 'ML Studio domain';
const STUDIO = 'churn-prediction-studio';

const step: ProvisioningStep = {
  logger: {
    info: () => {},
    warn: () => {},
    error: () => {},
    debug: () => {},
    child: () => step.logger,
  } as LoggerService,
  isDryRun: false,
  checkpoint: (_key, fn) => fn(),
  pollIntervalMs: 1,
  timeoutMs: 5_000,
};

let emulator: RunningEmulator;
let member: ServiceCatalogClient;
let devAccount: string;

beforeEach(async () => {
  emulator = await startEmulator({
    seed: readSeedFile(
      resolve(__dirname, '../../../../packages/aws-emulator/seeds/demo.yaml'),
    ),
    config: { asyncDelayMs: 0 },
  });
  devAccount = [...emulator.state.accounts.values()].find(
    a => a.name === 'churn-prediction-dev',
  )!.id;
  const suite = MlAwsClients.fromConfig(
    new ConfigReader(suiteConfigFor(emulator.url)),
  );
  member = (await suite.forAccount(devAccount)).serviceCatalog;
});
afterEach(() => emulator.close());

/** An administrator publishes a new version of the Studio product: 1.0.0's template changed. */
async function publishVersion(
  version: string,
  change: (templateText: string) => string,
) {
  const owner = await MlAwsClients.fromConfig(
    new ConfigReader(adminConfigFor(emulator.url)),
  ).forAccount(SHARED_SERVICES);
  const sc = owner.serviceCatalog;
  const product = await sc.send(
    new DescribeProductAsAdminCommand({ Name: PRODUCT }),
  );
  const productId = product.ProductViewDetail!.ProductViewSummary!.ProductId!;
  const v1 = product.ProvisioningArtifactSummaries!.find(
    a => a.Name === '1.0.0',
  )!;
  const { Info } = await sc.send(
    new DescribeProvisioningArtifactCommand({
      ProductId: productId,
      ProvisioningArtifactId: v1.Id,
    }),
  );
  const url = new URL(Info!.TemplateUrl);
  const bucket = url.hostname.split('.')[0];
  const object = await owner.s3.send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: decodeURIComponent(url.pathname.slice(1)),
    }),
  );
  const templateBody = change(await object.Body!.transformToString());
  const publishable = {
    name: PRODUCT,
    description: 'Studio domain',
    version,
    templateBody,
    sha256: createHash('sha256').update(templateBody).digest('hex'),
  };
  const portfolioId = await findOwnPortfolio(sc, 'ML Platform');
  const [plan] = await planProductPublishing(sc, portfolioId, [publishable]);
  const templateUrl = await ensureTemplateUploaded(
    owner.s3,
    { bucket, region: 'us-east-1', owner: SHARED_SERVICES },
    publishable,
    step,
  );
  await ensureProductPublished(sc, portfolioId, plan, templateUrl, step);
  const after = await sc.send(
    new DescribeProductAsAdminCommand({ Name: PRODUCT }),
  );
  return after.ProvisioningArtifactSummaries!.find(a => a.Name === version)!
    .Id!;
}

const withDescription = (text: string) =>
  JSON.stringify({ ...JSON.parse(text), Description: 'Studio, 1.1.0' });

const updates = () =>
  [...emulator.state.records.values()].filter(
    r => r.recordType === 'UPDATE_PROVISIONED_PRODUCT',
  );

const running = async () =>
  (await member.send(new DescribeProvisionedProductCommand({ Name: STUDIO })))
    .ProvisionedProductDetail!;

describe('ensureProductUpdated', () => {
  it('updates once to the version asked for, keeping the values; again, it does nothing', async () => {
    const v2 = await publishVersion('1.1.0', withDescription);
    const request = {
      accountId: devAccount,
      provisionedProductName: STUDIO,
      provisioningArtifactId: v2,
    };
    const before = emulator.state.provisionedProducts;
    const launched = [...before.values()].find(p => p.name === STUDIO)!;
    const values = launched.parameters;
    const result = await ensureProductUpdated(member, request, step);
    expect(result.updated).toBe(true);
    expect(result.outputs.DomainId).toMatch(/^d-/);
    expect(await running()).toMatchObject({
      Status: 'AVAILABLE',
      ProvisioningArtifactId: v2,
    });
    // Every value the launch gave is still the product's.
    expect(launched.parameters).toEqual(expect.arrayContaining(values));

    const again = await ensureProductUpdated(member, request, step);
    expect(again.updated).toBe(false);
    expect(
      emulator.callCounts()['servicecatalog:UpdateProvisionedProduct'],
    ).toBe(1);
  });

  it('after a lost answer, the retried request is the same request: one update', async () => {
    const v2 = await publishVersion('1.1.0', withDescription);
    // The update reaches AWS; its answer never reaches the suite.
    const losing = {
      send: async (command: any) => {
        const answer = await member.send(command);
        if (command instanceof UpdateProvisionedProductCommand) {
          throw new Error('socket hang up');
        }
        return answer;
      },
    } as unknown as ServiceCatalogClient;
    const request = {
      accountId: devAccount,
      provisionedProductName: STUDIO,
      provisioningArtifactId: v2,
    };
    await expect(ensureProductUpdated(losing, request, step)).rejects.toThrow(
      'socket hang up',
    );
    await ensureProductUpdated(member, request, step);
    expect(updates()).toHaveLength(1);
    expect((await running()).ProvisioningArtifactId).toBe(v2);
  });

  it('reports a version the guardrails refuse, and the product stays on its version', async () => {
    const v1 = (await running()).ProvisioningArtifactId;
    const v2 = await publishVersion('1.1.0', text =>
      text.replace('"VpcOnly"', '"PublicInternetOnly"'),
    );
    await expect(
      ensureProductUpdated(
        member,
        {
          accountId: devAccount,
          provisionedProductName: STUDIO,
          provisioningArtifactId: v2,
        },
        step,
      ),
    ).rejects.toThrow(
      /^Updating churn-prediction-studio in \d+ to version pa-\w+ failed: CloudFormation: The following resource\(s\) failed to update: \[\w+\]\. .*sagemaker:CreateDomain.*it still runs its earlier version/s,
    );
    expect(await running()).toMatchObject({
      Status: 'TAINTED',
      ProvisioningArtifactId: v1,
    });
  });
});
