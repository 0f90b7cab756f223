import {
  DescribeProductCommand,
  DescribeProvisioningArtifactCommand,
  DescribeRecordCommand,
  ServiceCatalogClient,
  SearchProvisionedProductsCommand,
} from '@aws-sdk/client-service-catalog';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { currentArtifact } from './productVersions';

/**
 * A provisioned product as an update needs it: its tags, the version it
 * runs and the latest published one (as the account sees its product), and
 * the role its stack ran as.
 *
 * @public
 */
export interface ProvisionedProductVersions {
  id: string;
  productId: string;
  tags: Record<string, string>;
  running: { id: string; name?: string };
  latest?: { id: string; name?: string };
  /** The LAUNCH constraint's role CloudFormation acted as, if any. */
  launchRoleArn?: string;
}

/**
 * Reads a provisioned product of the account by name and its product's
 * versions; undefined when the account has none of that name.
 *
 * @public
 */
export async function readProvisionedProductVersions(
  client: ServiceCatalogClient,
  name: string,
): Promise<ProvisionedProductVersions | undefined> {
  const { ProvisionedProducts = [] } = await client.send(
    new SearchProvisionedProductsCommand({
      Filters: { SearchQuery: [`name:${name}`] },
    }),
  );
  const provisioned = ProvisionedProducts.find(p => p.Name === name);
  if (!provisioned) return undefined;
  const [{ ProvisioningArtifacts = [] }, { RecordDetail }] = await Promise.all([
    client.send(new DescribeProductCommand({ Id: provisioned.ProductId })),
    client.send(new DescribeRecordCommand({ Id: provisioned.LastRecordId })),
  ]);
  const latest = currentArtifact(ProvisioningArtifacts);
  const runningId = provisioned.ProvisioningArtifactId!;
  return {
    id: provisioned.Id!,
    productId: provisioned.ProductId!,
    tags: Object.fromEntries(
      (provisioned.Tags ?? []).map(t => [t.Key!, t.Value ?? '']),
    ),
    running: {
      id: runningId,
      name: ProvisioningArtifacts.find(a => a.Id === runningId)?.Name,
    },
    ...(latest ? { latest: { id: latest.Id!, name: latest.Name } } : {}),
    ...(RecordDetail?.LaunchRoleArn
      ? { launchRoleArn: RecordDetail.LaunchRoleArn }
      : {}),
  };
}

/** Where a template URL points: virtual-hosted or path-style S3. */
function s3Location(templateUrl: string) {
  const url = new URL(templateUrl);
  const path = decodeURIComponent(url.pathname.slice(1));
  const hosted = /^(.+)\.s3[.-]/.exec(url.hostname);
  if (hosted) return { bucket: hosted[1], key: path };
  if (/^s3[.-]/.test(url.hostname) && path.includes('/')) {
    const [bucket, ...key] = path.split('/');
    return { bucket, key: key.join('/') };
  }
  throw new Error(
    `The version's template URL ${templateUrl} is not an S3 object URL; publish the version again with the suite's publish template`,
  );
}

/**
 * A version's template as Service Catalog launches it, read in the account
 * that publishes the product and checked against the sha256 the suite
 * recorded in the version's description when it published it: an object
 * changed in the bucket since is refused, never judged in the version's
 * place (Service Catalog launches its own copy of what was published).
 * The bucket must be the publishing account's (`ExpectedBucketOwner`).
 *
 * @public
 */
export async function readArtifactTemplate(
  owner: { serviceCatalog: ServiceCatalogClient; s3: S3Client },
  productId: string,
  artifactId: string,
  ownerAccountId: string,
): Promise<Record<string, any>> {
  const { Info, ProvisioningArtifactDetail: detail } =
    await owner.serviceCatalog.send(
      new DescribeProvisioningArtifactCommand({
        ProductId: productId,
        ProvisioningArtifactId: artifactId,
      }),
    );
  const version = detail?.Name ?? artifactId;
  const recorded = /sha256:([0-9a-f]{64})/.exec(detail?.Description ?? '');
  if (!recorded || !Info?.TemplateUrl) {
    throw new Error(
      `Version ${version} of product ${productId} records no template hash (sha256:…) in its description, so the suite cannot tell that its template is the one published; publish the version with the suite's publish template`,
    );
  }
  const { bucket, key } = s3Location(Info.TemplateUrl);
  const object = await owner.s3.send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ExpectedBucketOwner: ownerAccountId,
    }),
  );
  const body = await object.Body!.transformToString();
  const hash = createHash('sha256').update(body).digest('hex');
  if (hash !== recorded[1]) {
    throw new Error(
      `The template of version ${version} at ${Info.TemplateUrl} has changed since it was published (sha256 ${hash}, published ${recorded[1]}); the suite judges only what was published. Restore the object or publish a new version`,
    );
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new Error(
      `The template of version ${version} at ${Info.TemplateUrl} is not JSON; the suite judges the JSON templates it publishes`,
    );
  }
}
