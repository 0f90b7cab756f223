import {
  DescribeProductCommand,
  DescribeRecordCommand,
  ProvisionProductCommand,
  ServiceCatalogClient,
  paginateSearchProvisionedProducts,
} from '@aws-sdk/client-service-catalog';
import { createHash } from 'node:crypto';
import { allPages } from '../pages';
import { DRY_RUN_ID, ProvisioningStep, poll } from './step';
import { currentArtifact } from './productVersions';

export interface ProvisionRequest {
  accountId: string;
  product: string;
  provisionedProductName: string;
  parameters: Record<string, string>;
  tags: Record<string, string>;
}

/**
 * Provisions the product unless a provisioned product of that name exists,
 * waits for the record and returns its outputs. The provision token is
 * derived from the account and name, so a retried call cannot provision twice.
 */
export async function ensureProductProvisioned(
  client: ServiceCatalogClient,
  request: ProvisionRequest,
  step: ProvisioningStep,
): Promise<Record<string, string>> {
  const provisioned = await allPages(
    paginateSearchProvisionedProducts(
      { client },
      { Filters: { SearchQuery: [`name:${request.provisionedProductName}`] } },
    ),
    page => page.ProvisionedProducts,
  );
  let recordId = provisioned.find(
    p => p.Name === request.provisionedProductName,
  )?.LastRecordId;
  if (recordId) {
    step.logger.info(
      `${request.provisionedProductName} is already provisioned in ${request.accountId}`,
    );
  } else if (step.isDryRun) {
    step.logger.info(
      `Dry run: would provision ${request.product} as ${request.provisionedProductName} in ${request.accountId}`,
    );
    return { ProvisionedProductName: DRY_RUN_ID };
  } else {
    recordId = await step.checkpoint(
      `servicecatalog.provision.${request.accountId}.${request.provisionedProductName}`,
      async () => {
        const product = await client.send(
          new DescribeProductCommand({ Name: request.product }),
        );
        // The version the platform team published last (see productPublishing).
        const artifact = currentArtifact(product.ProvisioningArtifacts ?? []);
        if (!artifact || !product.LaunchPaths?.length) {
          throw new Error(
            `Product '${request.product}' has no active version or launch path in ${request.accountId}; check the portfolio is shared and accepted there`,
          );
        }
        const { RecordDetail } = await client.send(
          new ProvisionProductCommand({
            ProductId: product.ProductViewSummary!.ProductId,
            ProvisioningArtifactId: artifact.Id,
            PathId: product.LaunchPaths[0].Id,
            ProvisionedProductName: request.provisionedProductName,
            ProvisionToken: createHash('sha256')
              .update(`${request.accountId}/${request.provisionedProductName}`)
              .digest('hex')
              .slice(0, 64),
            ProvisioningParameters: Object.entries(request.parameters).map(
              ([Key, Value]) => ({ Key, Value }),
            ),
            Tags: Object.entries(request.tags).map(([Key, Value]) => ({
              Key,
              Value,
            })),
          }),
        );
        step.logger.info(
          `Provisioning ${request.product} as ${
            request.provisionedProductName
          } (${RecordDetail!.RecordId})`,
        );
        return RecordDetail!.RecordId!;
      },
    );
  }
  const record = await poll(
    step,
    `${request.provisionedProductName} in ${request.accountId}`,
    () => client.send(new DescribeRecordCommand({ Id: recordId })),
    r => ['SUCCEEDED', 'FAILED'].includes(r.RecordDetail?.Status ?? ''),
    r => r.RecordDetail?.Status ?? 'unknown',
  );
  if (record.RecordDetail?.Status !== 'SUCCEEDED') {
    const errors = (record.RecordDetail?.RecordErrors ?? []).map(
      e => `${e.Code}: ${e.Description}`,
    );
    throw new Error(
      `Provisioning ${request.provisionedProductName} failed: ${
        errors.join('; ') || 'no details'
      }. Fix the cause, terminate the failed product in Service Catalog, and run the template again`,
    );
  }
  return Object.fromEntries(
    (record.RecordOutputs ?? []).map(o => [o.OutputKey!, o.OutputValue ?? '']),
  );
}
