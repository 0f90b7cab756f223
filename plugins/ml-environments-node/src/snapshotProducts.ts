/** A project account's Service Catalog products and what they launched. */
import {
  DescribeRecordCommand,
  paginateSearchProvisionedProducts,
} from '@aws-sdk/client-service-catalog';
import { DescribeDomainCommand } from '@aws-sdk/client-sagemaker';
import {
  OrganizationSnapshot,
  SnapshotProduct,
  SnapshotResource,
} from '@mlgov/plugin-ml-environments-common';
import { MemberAccountClients, MlAwsClients } from './clients';
import { allPages } from './pages';
import { mapWithLimit } from './concurrency';

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
      ...(outputs.DomainId
        ? {
            resources: [await studioDomain(member.sageMaker, outputs.DomainId)],
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
