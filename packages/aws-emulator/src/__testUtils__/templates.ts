// Template-backed products in tests: an organization whose Workloads OU
// requires VPC-only Studio domains, clients acting in a member account, and
// publishing a template from src/__fixtures__ through S3 and Service Catalog.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  AssociatePrincipalWithPortfolioCommand,
  AssociateProductWithPortfolioCommand,
  CreatePortfolioCommand,
  CreateProductCommand,
  CreateProvisioningArtifactCommand,
  DescribeRecordCommand,
  ProvisionProductCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { SeedDocument } from '../seed.ts';
import type { RunningEmulator } from '../server.ts';
import { clientConfig, startTestEmulator } from './emulator.ts';

export const PROJECT_DEV = '444444444444';
export const SANDBOX = '555555555555';

export const templateSeed: SeedDocument = {
  organizationalUnits: [
    {
      name: 'Workloads',
      children: [
        {
          name: 'Workloads_Dev',
          accounts: [
            {
              name: 'churn-dev',
              email: 'churn-dev@example.com',
              id: PROJECT_DEV,
            },
          ],
        },
      ],
    },
    {
      name: 'Sandbox',
      accounts: [{ name: 'lab', email: 'lab@example.com', id: SANDBOX }],
    },
  ],
  policies: [
    {
      name: 'require-vpc',
      content: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyStudioOutsideVpc',
            Effect: 'Deny',
            Action: 'sagemaker:CreateDomain',
            Resource: '*',
            Condition: {
              StringNotEquals: { 'sagemaker:AppNetworkAccessType': 'VpcOnly' },
            },
          },
        ],
      },
      attachTo: ['Workloads'],
    },
  ],
};

export function fixture(name: string) {
  return readFileSync(resolve(__dirname, '../__fixtures__', name), 'utf8');
}

/** Clients acting as OrganizationAccountAccessRole in an account. */
export async function clientsIn(emulator: RunningEmulator, accountId: string) {
  const { Credentials } = await new STSClient(clientConfig(emulator)).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'test',
    }),
  );
  const config = clientConfig(
    emulator,
    Credentials!.AccessKeyId,
    Credentials!.SessionToken,
  );
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    catalog: new ServiceCatalogClient(config),
    sageMaker: new SageMakerClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
  };
}

export type AccountClients = Awaited<ReturnType<typeof clientsIn>>;

/**
 * Starts an emulator with templateSeed before each test and closes it after;
 * `started` hands the test file the emulator and the dev account's clients.
 */
export function templateEmulatorEach(
  started: (env: { emulator: RunningEmulator; dev: AccountClients }) => void,
) {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    ({ emulator } = await startTestEmulator({ seed: templateSeed }));
    started({ emulator, dev: await clientsIn(emulator, PROJECT_DEV) });
  });
  afterEach(() => emulator.close());
}

/** Uploads a template to the account's bucket; answers its virtual-hosted URL. */
export async function uploadTemplate(
  clients: AccountClients,
  accountId: string,
  key: string,
  body: string,
) {
  const bucket = `templates-${accountId}`;
  await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await clients.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }),
  );
  return `https://${bucket}.s3.us-east-1.amazonaws.com/${key}`;
}

/** Puts the product in the portfolio and lets the account's role launch from it. */
export async function addToPortfolio(
  clients: AccountClients,
  accountId: string,
  portfolioId: string,
  productId: string,
) {
  await clients.catalog.send(
    new AssociateProductWithPortfolioCommand({
      ProductId: productId,
      PortfolioId: portfolioId,
    }),
  );
  await clients.catalog.send(
    new AssociatePrincipalWithPortfolioCommand({
      PortfolioId: portfolioId,
      PrincipalARN: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
      PrincipalType: 'IAM',
    }),
  );
}

/** A portfolio in the account holding one product made from the template, launchable by the account's role. */
export async function publishTemplate(
  clients: AccountClients,
  accountId: string,
  file: string,
  body = fixture(file),
) {
  const url = await uploadTemplate(clients, accountId, file, body);
  const { PortfolioDetail } = await clients.catalog.send(
    new CreatePortfolioCommand({
      DisplayName: 'ML Platform',
      ProviderName: 'Platform',
      IdempotencyToken: `portfolio-${file.replace(/\W/g, '')}`,
    }),
  );
  const created = await clients.catalog.send(
    new CreateProductCommand({
      Name: file,
      Owner: 'Platform',
      ProductType: 'CLOUD_FORMATION_TEMPLATE',
      IdempotencyToken: `product-${file.replace(/\W/g, '')}`,
      ProvisioningArtifactParameters: {
        Name: 'v1',
        Type: 'CLOUD_FORMATION_TEMPLATE',
        Info: { LoadTemplateFromURL: url },
      },
    }),
  );
  const productId = created.ProductViewDetail!.ProductViewSummary!.ProductId!;
  await addToPortfolio(clients, accountId, PortfolioDetail!.Id!, productId);
  return {
    productId,
    artifactId: created.ProvisioningArtifactDetail!.Id!,
    portfolioId: PortfolioDetail!.Id!,
    url,
  };
}

/** Polls a record until CloudFormation is done with it. */
export async function settledRecord(catalog: ServiceCatalogClient, id: string) {
  for (let i = 0; i < 200; i++) {
    const answer = await catalog.send(new DescribeRecordCommand({ Id: id }));
    if (
      answer.RecordDetail?.Status === 'SUCCEEDED' ||
      answer.RecordDetail?.Status === 'FAILED'
    )
      return answer;
    await new Promise(r => setTimeout(r, 5));
  }
  throw new Error(`Record ${id} did not settle`);
}

/** A JSON 1.1 call over the wire, for services whose SDK client is not installed here. */
export async function jsonCall(
  emulator: RunningEmulator,
  accessKeyId: string,
  service: string,
  target: string,
  body: unknown,
) {
  const response = await fetch(emulator.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261207/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Publishes a fixture in the account and launches it; answers the settled record. */
export async function launchTemplate(
  clients: AccountClients,
  accountId: string,
  file: string,
  parameters: Array<{ Key: string; Value: string }>,
  name = 'studio',
  body = fixture(file),
) {
  const { productId, artifactId } = await publishTemplate(
    clients,
    accountId,
    file,
    body,
  );
  const { RecordDetail } = await clients.catalog.send(
    new ProvisionProductCommand({
      ProductId: productId,
      ProvisioningArtifactId: artifactId,
      ProvisionedProductName: name,
      ProvisionToken: `${name}-1`,
      ProvisioningParameters: parameters,
      Tags: [{ Key: 'CostCenter', Value: 'CC-1234' }],
    }),
  );
  return settledRecord(clients.catalog, RecordDetail!.RecordId!);
}

/** Adds a version to a product, its template loaded from the URL. */
export function addArtifact(
  clients: AccountClients,
  productId: string,
  url: string,
  name: string,
) {
  return clients.catalog.send(
    new CreateProvisioningArtifactCommand({
      ProductId: productId,
      IdempotencyToken: `artifact-${name}`,
      Parameters: {
        Name: name,
        Type: 'CLOUD_FORMATION_TEMPLATE',
        Info: { LoadTemplateFromURL: url },
      },
    }),
  );
}
