import {
  DescribeProvisionedProductCommand,
  DescribeProvisioningParametersCommand,
  DescribeRecordCommand,
  RecordDetail,
  ServiceCatalogClient,
  UpdateProvisionedProductCommand,
} from '@aws-sdk/client-service-catalog';
import { createHash } from 'node:crypto';
import { ProvisioningStep, poll } from './step';

/** @public */
export interface ProductUpdateRequest {
  accountId: string;
  provisionedProductName: string;
  /**
   * The provisioned product the caller checked: another of the same name
   * (terminated and launched again since) is refused, not updated.
   */
  provisionedProductId?: string;
  /** The version to move to: an artifact of the product it was launched from. */
  provisioningArtifactId: string;
}

/** @public */
export interface ProductUpdateResult {
  /** False when the product already ran that version: nothing was done. */
  updated: boolean;
  recordId?: string;
  outputs: Record<string, string>;
}

/** The parameter keys a version's template declares. */
async function parameterKeys(
  client: ServiceCatalogClient,
  productId: string,
  artifactId: string,
  pathId: string | undefined,
) {
  const { ProvisioningArtifactParameters } = await client.send(
    new DescribeProvisioningParametersCommand({
      ProductId: productId,
      ProvisioningArtifactId: artifactId,
      PathId: pathId,
    }),
  );
  return (ProvisioningArtifactParameters ?? []).map(p => p.ParameterKey!);
}

/**
 * The update's token, derived from the account, the provisioned product and
 * the version, so a request retried after a lost answer is the same request;
 * after a failed update to that version the next attempt needs its own
 * (AWS answers a used token with its first record), so the failed record's
 * id is part of it.
 */
function updateToken(
  request: ProductUpdateRequest,
  provisionedProductId: string,
  last: RecordDetail | undefined,
) {
  const failedBefore =
    last?.RecordType === 'UPDATE_PROVISIONED_PRODUCT' &&
    last.Status === 'FAILED' &&
    last.ProvisioningArtifactId === request.provisioningArtifactId
      ? `/${last.RecordId}`
      : '';
  return createHash('sha256')
    .update(
      `update/${request.accountId}/${provisionedProductId}/${request.provisioningArtifactId}${failedBefore}`,
    )
    .digest('hex')
    .slice(0, 64);
}

/**
 * Moves a provisioned product to another version of its product, keeping
 * its parameter values (UsePreviousValue for each the new version shares
 * with the running one; a new parameter takes its default), and waits for
 * the record. Looks first: a product already on that version is left as
 * it is, and an update to it already under way (a lost answer) is waited
 * for rather than repeated.
 *
 * @public
 */
export async function ensureProductUpdated(
  client: ServiceCatalogClient,
  request: ProductUpdateRequest,
  step: ProvisioningStep,
): Promise<ProductUpdateResult> {
  const what = `${request.provisionedProductName} in ${request.accountId}`;
  const { ProvisionedProductDetail: product } = await client.send(
    new DescribeProvisionedProductCommand({
      Name: request.provisionedProductName,
    }),
  );
  if (
    request.provisionedProductId &&
    product?.Id !== request.provisionedProductId
  ) {
    throw new Error(
      `${what} is no longer the provisioned product that was checked (${
        request.provisionedProductId
      }, now ${product?.Id ?? 'none'}); nothing was updated, check it again`,
    );
  }
  const last = product?.LastRecordId
    ? (
        await client.send(
          new DescribeRecordCommand({ Id: product.LastRecordId }),
        )
      ).RecordDetail
    : undefined;
  const target = request.provisioningArtifactId;
  if (
    product?.ProvisioningArtifactId === target &&
    product.Status === 'AVAILABLE'
  ) {
    step.logger.info(`${what} already runs version ${target}`);
    return { updated: false, outputs: {} };
  }
  let recordId: string;
  if (
    product?.Status === 'UNDER_CHANGE' &&
    last?.RecordType === 'UPDATE_PROVISIONED_PRODUCT' &&
    last.ProvisioningArtifactId === target
  ) {
    recordId = last.RecordId!;
    step.logger.info(`${what}: its update to ${target} is under way`);
  } else if (step.isDryRun) {
    step.logger.info(`Dry run: would update ${what} to version ${target}`);
    return { updated: false, outputs: {} };
  } else {
    const productId = product!.ProductId!;
    const [running, next] = await Promise.all([
      parameterKeys(
        client,
        productId,
        product!.ProvisioningArtifactId!,
        last?.PathId,
      ),
      parameterKeys(client, productId, target, last?.PathId),
    ]);
    const { RecordDetail: started } = await client.send(
      new UpdateProvisionedProductCommand({
        ProvisionedProductId: product!.Id,
        ProductId: productId,
        ProvisioningArtifactId: target,
        PathId: last?.PathId,
        ProvisioningParameters: next
          .filter(key => running.includes(key))
          .map(Key => ({ Key, UsePreviousValue: true })),
        UpdateToken: updateToken(request, product!.Id!, last),
      }),
    );
    recordId = started!.RecordId!;
    step.logger.info(`Updating ${what} to version ${target} (${recordId})`);
  }
  const record = await poll(
    step,
    `the update of ${what}`,
    () => client.send(new DescribeRecordCommand({ Id: recordId })),
    r => ['SUCCEEDED', 'FAILED'].includes(r.RecordDetail?.Status ?? ''),
    r => r.RecordDetail?.Status ?? 'unknown',
  );
  if (record.RecordDetail?.Status !== 'SUCCEEDED') {
    const errors = (record.RecordDetail?.RecordErrors ?? []).map(
      e => `${e.Code}: ${e.Description}`,
    );
    throw new Error(
      `Updating ${what} to version ${target} failed: ${
        errors.join('; ') || 'no details'
      }. CloudFormation rolled it back: it still runs its earlier version. Fix the cause and update again`,
    );
  }
  return {
    updated: true,
    recordId,
    outputs: Object.fromEntries(
      (record.RecordOutputs ?? []).map(o => [
        o.OutputKey!,
        o.OutputValue ?? '',
      ]),
    ),
  };
}
