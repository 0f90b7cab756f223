import {
  DescribeProductAsAdminCommand,
  DescribeProvisioningArtifactCommand,
  ProvisionProductCommand,
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
import { MlAwsClients } from './clients';
import {
  ensureProductPublished,
  planProductPublishing,
} from './aws/productPublishing';
import { ensureTemplateUploaded } from './aws/templatesBucket';
import { findOwnPortfolio } from './aws/serviceCatalog';
import { ProvisioningStep } from './aws/step';
import { readProducts } from './snapshotProducts';

const SHARED_SERVICES = '100000000010';
const PRODUCT = 'ML Studio domain';

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

describe('readProducts: versions', () => {
  let emulator: RunningEmulator;
  let suite: MlAwsClients;
  let devAccount: string;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
      config: { asyncDelayMs: 0 },
    });
    suite = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
    devAccount = [...emulator.state.accounts.values()].find(
      a => a.name === 'churn-prediction-dev',
    )!.id;
  });

  afterAll(() => emulator.close());

  it('reports the launched version and the newer one published since', async () => {
    const before = await readProducts(suite, devAccount);
    expect(
      before.find(p => p.name === 'churn-prediction-studio'),
    ).toMatchObject({ version: '1.0.0', latestVersion: '1.0.0' });

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
    // A second product in the account launched from 1.0.0, so that the
    // product's versions are read once for both.
    const member = await suite.forAccount(devAccount);
    const launched = emulator.state.provisionedProducts;
    const studio = [...launched.values()].find(
      p => p.name === 'churn-prediction-studio',
    )!;
    await member.serviceCatalog.send(
      new ProvisionProductCommand({
        ProductId: productId,
        ProvisioningArtifactId: v1.Id,
        ProvisionedProductName: 'churn-prediction-studio-2',
        ProvisioningParameters: studio.parameters.map(({ Key, Value }) =>
          Key === 'DomainName' ? { Key, Value: `${Value}-2` } : { Key, Value },
        ),
        ProvisionToken: 'churn-prediction-studio-2',
      }),
    );

    // An administrator publishes 1.1.0: the 1.0.0 template with a change.
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
    const template = JSON.parse(await object.Body!.transformToString());
    const templateBody = JSON.stringify({
      ...template,
      Description: 'ML Studio domain, 1.1.0',
    });
    const publishable = {
      name: PRODUCT,
      description: 'Studio domain',
      version: '1.1.0',
      templateBody,
      sha256: createHash('sha256').update(templateBody).digest('hex'),
    };
    const portfolioId = await findOwnPortfolio(sc, 'ML Platform');
    const [plan] = await planProductPublishing(sc, portfolioId, [publishable]);
    expect(plan.action).toBe('add-version');
    const templateUrl = await ensureTemplateUploaded(
      owner.s3,
      { bucket, region: 'us-east-1', owner: SHARED_SERVICES },
      publishable,
      step,
    );
    await ensureProductPublished(sc, portfolioId, plan, templateUrl, step);

    const callsBefore =
      emulator.callCounts()['servicecatalog:DescribeProduct'] ?? 0;
    const after = await readProducts(suite, devAccount);
    expect(
      after
        .filter(p => p.name.startsWith('churn-prediction-studio'))
        .map(p => [p.name, p.version, p.latestVersion]),
    ).toEqual([
      ['churn-prediction-studio', '1.0.0', '1.1.0'],
      ['churn-prediction-studio-2', '1.0.0', '1.1.0'],
    ]);
    const productIds = new Set(
      [...launched.values()]
        .filter(p => p.accountId === devAccount)
        .map(p => p.productId),
    );
    expect(
      emulator.callCounts()['servicecatalog:DescribeProduct'] - callsBefore,
    ).toBe(productIds.size);
  });

  it('still reads a product no longer shared with the account, without versions', async () => {
    // As DisassociateProductFromPortfolio would (the emulator does not serve
    // it): the account no longer sees the product it launched.
    const studio = [...emulator.state.provisionedProducts.values()].find(
      p => p.name === 'churn-prediction-studio',
    )!;
    for (const portfolio of emulator.state.portfolios.values()) {
      portfolio.productIds = portfolio.productIds.filter(
        id => id !== studio.productId,
      );
    }
    const products = await readProducts(suite, devAccount);
    const read = products.find(p => p.name === 'churn-prediction-studio')!;
    expect(read.outputs.DomainId).toMatch(/^d-/);
    expect(read).not.toHaveProperty('version');
    expect(read).not.toHaveProperty('latestVersion');
  });
});
