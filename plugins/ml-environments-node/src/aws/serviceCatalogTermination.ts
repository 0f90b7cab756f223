import {
  DescribeProvisionedProductCommand,
  DescribeRecordCommand,
  ServiceCatalogClient,
  TerminateProvisionedProductCommand,
  paginateSearchProvisionedProducts,
} from '@aws-sdk/client-service-catalog';
import {
  SageMakerClient,
  paginateListUserProfiles,
} from '@aws-sdk/client-sagemaker';
import { ACCOUNT_TAGS } from '@mlgov/plugin-ml-environments-common';
import { createHash } from 'node:crypto';
import { allPages } from '../pages';
import { syncUserProfiles } from './sagemaker';
import { ProvisioningStep, poll } from './step';

/**
 * Terminates the products launched for a project in one of its accounts
 * (the Studio domain with its user profiles, the pipeline) and waits for
 * each termination. The terminate token is derived from the account and
 * product, so a retried call cannot start a second termination.
 *
 * @returns the names of the products terminated (or that a dry run would terminate)
 */
export async function ensureProjectProductsTerminated(
  client: ServiceCatalogClient,
  accountId: string,
  project: string,
  step: ProvisioningStep,
  /**
   * The account's SageMaker and the Studio profiles the suite made (its own
   * record): SageMaker refuses to delete a domain that holds profiles, so
   * they go first, and profiles someone else made stop the run, named.
   */
  studio?: { sageMaker: SageMakerClient; madeBySuite: string[] },
): Promise<string[]> {
  const provisioned = await allPages(
    paginateSearchProvisionedProducts({ client }, {}),
    page => page.ProvisionedProducts,
  );
  const ours = provisioned.filter(p =>
    p.Tags?.some(t => t.Key === ACCOUNT_TAGS.project && t.Value === project),
  );
  for (const product of ours) {
    if (step.isDryRun) {
      step.logger.info(
        `Dry run: would terminate ${product.Name} in ${accountId}, ending its Studio access`,
      );
      continue;
    }
    const domainId = studio && (await domainOf(client, product.Id!));
    if (studio && domainId) {
      await ensureSuiteProfilesGone(studio.sageMaker, {
        domainId,
        accountId,
        madeBySuite: studio.madeBySuite,
        step,
      });
    }
    const { RecordDetail } = await client.send(
      new TerminateProvisionedProductCommand({
        ProvisionedProductId: product.Id,
        // A token per attempt: AWS answers a used token with its first
        // record, so after a failed termination the next one needs its own.
        TerminateToken: createHash('sha256')
          .update(
            `terminate/${accountId}/${product.Id}${
              (await failedTermination(client, product.LastRecordId)) ?? ''
            }`,
          )
          .digest('hex')
          .slice(0, 64),
      }),
    );
    const record = await poll(
      step,
      `the termination of ${product.Name} in ${accountId}`,
      () =>
        client.send(new DescribeRecordCommand({ Id: RecordDetail!.RecordId })),
      r => ['SUCCEEDED', 'FAILED'].includes(r.RecordDetail?.Status ?? ''),
      r => r.RecordDetail?.Status ?? 'unknown',
    );
    if (record.RecordDetail?.Status !== 'SUCCEEDED') {
      throw new Error(
        `Terminating ${product.Name} in ${accountId} failed: ${
          (record.RecordDetail?.RecordErrors ?? [])
            .map(e => `${e.Code}: ${e.Description}`)
            .join('; ') || 'no details'
        }. Fix the cause in Service Catalog, then run the offboarding again`,
      );
    }
    step.logger.info(`Terminated ${product.Name} in ${accountId}`);
  }
  return ours.map(p => p.Name!);
}

/** The Studio domain a provisioned product made, from its provisioning record's outputs. */
async function domainOf(
  client: ServiceCatalogClient,
  provisionedProductId: string,
) {
  const { ProvisionedProductDetail } = await client.send(
    new DescribeProvisionedProductCommand({ Id: provisionedProductId }),
  );
  const recordId =
    ProvisionedProductDetail?.LastSuccessfulProvisioningRecordId ??
    ProvisionedProductDetail?.LastProvisioningRecordId;
  if (!recordId) return undefined;
  const { RecordOutputs } = await client.send(
    new DescribeRecordCommand({ Id: recordId }),
  );
  return RecordOutputs?.find(o => o.OutputKey === 'DomainId')?.OutputValue;
}

/**
 * Deletes the Studio profiles the suite made in a domain and waits until
 * they are gone; refuses, before anything is deleted, when profiles someone
 * else made would keep the domain from being deleted.
 */
async function ensureSuiteProfilesGone(
  sageMaker: SageMakerClient,
  options: {
    domainId: string;
    accountId: string;
    madeBySuite: string[];
    step: ProvisioningStep;
  },
) {
  const { domainId, accountId, step } = options;
  const ours = new Set(options.madeBySuite);
  const listed = async () =>
    allPages(
      paginateListUserProfiles(
        { client: sageMaker },
        { DomainIdEquals: domainId },
      ),
      page => page.UserProfiles,
    );
  const foreign = (await listed())
    .map(p => p.UserProfileName!)
    .filter(name => !ours.has(name));
  if (foreign.length > 0) {
    throw new Error(
      `Studio domain ${domainId} in ${accountId} holds user profiles the suite did not make (${foreign.join(
        ', ',
      )}), and SageMaker deletes no domain with profiles in it: delete them (ask their owners), then run the offboarding again`,
    );
  }
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would delete the Studio profiles ${
        [...ours].join(', ') || '(none)'
      } in ${domainId}`,
    );
    return;
  }
  const sync = await syncUserProfiles(sageMaker, {
    domainId,
    // No members: nothing is made, so no tags are needed.
    members: [],
    tags: {},
    madeBySuite: options.madeBySuite,
  });
  if (sync.inUse.length > 0) {
    throw new Error(
      `Studio profiles ${sync.inUse.join(
        ', ',
      )} in ${domainId} are in use (apps running): stop their apps, then run the offboarding again`,
    );
  }
  await poll(
    step,
    `the Studio profiles of ${domainId} to be deleted`,
    listed,
    profiles => profiles.length === 0,
    profiles => `${profiles.length} left`,
  );
  step.logger.info(
    `Deleted the Studio profiles ${
      sync.deleted.join(', ') || '(none left)'
    } in ${domainId}`,
  );
}

/** The record id of a termination that failed, if the product's last request was one. */
async function failedTermination(
  client: ServiceCatalogClient,
  lastRecordId: string | undefined,
) {
  if (!lastRecordId) return undefined;
  const { RecordDetail } = await client.send(
    new DescribeRecordCommand({ Id: lastRecordId }),
  );
  return RecordDetail?.RecordType === 'TERMINATE_PROVISIONED_PRODUCT' &&
    RecordDetail.Status === 'FAILED'
    ? `/${lastRecordId}`
    : undefined;
}
