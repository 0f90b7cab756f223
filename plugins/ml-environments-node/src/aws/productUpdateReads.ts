import {
  DescribeProductCommand,
  DescribeProvisioningArtifactCommand,
  DescribeRecordCommand,
  ServiceCatalogClient,
  SearchProvisionedProductsCommand,
} from '@aws-sdk/client-service-catalog';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
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

/**
 * A version's template as Service Catalog launches it, read in the account
 * that publishes the product: the artifact's URL, then the object (the
 * suite's policy there lets it read its own templates bucket only).
 *
 * @public
 */
export async function readArtifactTemplate(
  owner: { serviceCatalog: ServiceCatalogClient; s3: S3Client },
  productId: string,
  artifactId: string,
): Promise<Record<string, any>> {
  const { Info } = await owner.serviceCatalog.send(
    new DescribeProvisioningArtifactCommand({
      ProductId: productId,
      ProvisioningArtifactId: artifactId,
    }),
  );
  const url = new URL(Info?.TemplateUrl ?? '');
  const object = await owner.s3.send(
    new GetObjectCommand({
      Bucket: url.hostname.split('.')[0],
      Key: decodeURIComponent(url.pathname.slice(1)),
    }),
  );
  return JSON.parse(await object.Body!.transformToString());
}
