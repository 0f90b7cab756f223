/** A project account's Service Catalog products and what they launched. */
import {
  DescribeProductCommand,
  DescribeRecordCommand,
  ProvisioningArtifact,
  paginateSearchProvisionedProducts,
} from '@aws-sdk/client-service-catalog';
import { DescribeDomainCommand } from '@aws-sdk/client-sagemaker';
import { GetBucketEncryptionCommand } from '@aws-sdk/client-s3';
import {
  OrganizationSnapshot,
  SnapshotProduct,
  SnapshotResource,
} from '@mlgov/plugin-ml-environments-common';
import { MemberAccountClients, MlAwsClients } from './clients';
import { allPages } from './pages';
import { mapWithLimit } from './concurrency';
import { currentArtifact } from './aws/productVersions';

/** A Studio domain as its product's template would set it. */
async function studioDomain(
  sageMaker: MemberAccountClients['sageMaker'],
  domainId: string,
): Promise<SnapshotResource> {
  const domain = await sageMaker.send(
    new DescribeDomainCommand({ DomainId: domainId }),
  );
  return {
    logicalId: 'StudioDomain',
    type: 'AWS::SageMaker::Domain',
    physicalId: domainId,
    properties: {
      AppNetworkAccessType: domain.AppNetworkAccessType ?? 'PublicInternetOnly',
      ...(domain.KmsKeyId ? { KmsKeyId: domain.KmsKeyId } : {}),
      ...(domain.SubnetIds?.length ? { SubnetIds: domain.SubnetIds } : {}),
      ...(domain.DefaultUserSettings?.SecurityGroups?.length
        ? {
            DefaultUserSettings: {
              SecurityGroups: domain.DefaultUserSettings.SecurityGroups,
            },
          }
        : {}),
    },
  };
}

/**
 * A product's artifact bucket with its default encryption as AWS reports it
 * now, in the template's BucketEncryption terms; none set is no rule.
 */
async function artifactBucket(
  s3: MemberAccountClients['s3'],
  bucketName: string,
): Promise<SnapshotResource> {
  const rules = await s3
    .send(new GetBucketEncryptionCommand({ Bucket: bucketName }))
    .then(
      r => r.ServerSideEncryptionConfiguration?.Rules ?? [],
      (error: Error) => {
        if (error.name === 'ServerSideEncryptionConfigurationNotFoundError')
          return [];
        throw error;
      },
    );
  return {
    logicalId: 'ArtifactBucket',
    type: 'AWS::S3::Bucket',
    physicalId: bucketName,
    properties: {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: rules.map(rule => ({
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
            ...(rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID
              ? {
                  KMSMasterKeyID:
                    rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID,
                }
              : {}),
          },
        })),
      },
    },
  };
}

/**
 * The version a product was launched from and the one provisioning launches
 * now, by artifact name. DescribeProduct lists the active artifacts as the
 * account sees them through the shared portfolio; a launched artifact that
 * was deactivated since leaves `version` unknown (no claim of outdated).
 */
function versionsOf(
  artifacts: ProvisioningArtifact[] | undefined,
  launchedId: string | undefined,
) {
  if (!artifacts) return {};
  const version = artifacts.find(a => a.Id === launchedId)?.Name;
  const latestVersion = currentArtifact(artifacts)?.Name;
  return {
    ...(version ? { version } : {}),
    ...(latestVersion ? { latestVersion } : {}),
  };
}

export async function readProducts(
  clients: Pick<MlAwsClients, 'forAccount'>,
  accountId: string,
) {
  const member = await clients.forAccount(accountId);
  const { serviceCatalog } = member;
  const provisioned = await allPages(
    paginateSearchProvisionedProducts({ client: serviceCatalog }, {}),
    page => page.ProvisionedProducts,
  );
  const products: SnapshotProduct[] = [];
  // One DescribeProduct per product id within this read, however many
  // provisioned products launched it.
  const artifactsByProduct = new Map<
    string,
    Promise<ProvisioningArtifact[] | undefined>
  >();
  const artifactsOf = (productId: string) => {
    if (!artifactsByProduct.has(productId)) {
      artifactsByProduct.set(
        productId,
        serviceCatalog.send(new DescribeProductCommand({ Id: productId })).then(
          d => d.ProvisioningArtifacts ?? [],
          (error: Error) => {
            // A product no longer shared with the account: its versions
            // are unknown here, but its launched resources still are.
            if (error.name === 'ResourceNotFoundException') return undefined;
            throw error;
          },
        ),
      );
    }
    return artifactsByProduct.get(productId)!;
  };
  for (const product of provisioned) {
    const record = product.LastRecordId
      ? await serviceCatalog.send(
          new DescribeRecordCommand({ Id: product.LastRecordId }),
        )
      : undefined;
    const outputs = Object.fromEntries(
      (record?.RecordOutputs ?? []).map(o => [
        o.OutputKey!,
        o.OutputValue ?? '',
      ]),
    );
    products.push({
      accountId,
      name: product.Name!,
      status: product.Status ?? 'UNKNOWN',
      outputs,
      ...(product.ProductId
        ? versionsOf(
            await artifactsOf(product.ProductId),
            product.ProvisioningArtifactId,
          )
        : {}),
      ...(outputs.DomainId
        ? {
            resources: [await studioDomain(member.sageMaker, outputs.DomainId)],
          }
        : {}),
      ...(outputs.ArtifactBucketName && outputs.ArtifactKeyArn
        ? {
            resources: [
              await artifactBucket(member.s3, outputs.ArtifactBucketName),
            ],
          }
        : {}),
    });
  }
  return products;
}

/**
 * Each account's products, read side by side; an account whose read fails
 * (e.g. an invited account without the access role) keeps its earlier
 * products, marked stale, instead of staling every project's.
 */
export async function readAccountsProducts(
  clients: Pick<MlAwsClients, 'forAccount'>,
  accountIds: string[],
  limit: number,
  previous: OrganizationSnapshot | undefined,
): Promise<SnapshotProduct[]> {
  const now = new Date().toISOString();
  const perAccount = await mapWithLimit(accountIds, limit, async accountId => {
    try {
      return await readProducts(clients, accountId);
    } catch (error) {
      const reason = `reading account ${accountId} failed: ${
        (error as Error).message
      }`;
      return (previous?.products ?? [])
        .filter(p => p.accountId === accountId)
        .map(p => ({
          ...p,
          stale: p.stale ?? { reason, since: previous?.takenAt ?? now },
        }));
    }
  });
  return perAccount.flat();
}
