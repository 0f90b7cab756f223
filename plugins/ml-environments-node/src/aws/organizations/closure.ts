import {
  AccountAlreadyClosedException,
  CloseAccountCommand,
  ConstraintViolationException,
  DescribeAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { ProvisioningStep } from '../step';

/** What became of an account asked to close. @public */
export type AccountClosure = 'closing' | 'deferred';

/**
 * Asks AWS to close the account unless it is closing or closed already.
 * When AWS's rolling closure quota is used up (closures outside the suite
 * count too) the account stays suspended and the answer is `deferred`.
 */
export async function ensureAccountClosing(
  client: OrganizationsClient,
  accountId: string,
  step: ProvisioningStep,
): Promise<AccountClosure> {
  const { Account } = await client.send(
    new DescribeAccountCommand({ AccountId: accountId }),
  );
  const state = Account?.State ?? Account?.Status;
  if (state && state !== 'ACTIVE') {
    step.logger.info(`Account ${accountId} is already ${state}`);
    return 'closing';
  }
  if (step.isDryRun) {
    step.logger.info(`Dry run: would close account ${accountId}`);
    return 'closing';
  }
  try {
    await client.send(new CloseAccountCommand({ AccountId: accountId }));
  } catch (error) {
    // A lost answer: the first call went through.
    if (error instanceof AccountAlreadyClosedException) return 'closing';
    if (
      error instanceof ConstraintViolationException &&
      error.Reason === 'CLOSE_ACCOUNT_QUOTA_EXCEEDED'
    ) {
      step.logger.warn(
        `AWS's closure quota is used up: account ${accountId} stays suspended; close it when the 30-day window allows (${error.message})`,
      );
      return 'deferred';
    }
    throw error;
  }
  step.logger.info(
    `Asked AWS to close account ${accountId}; it can be reopened through AWS Support for 90 days`,
  );
  return 'closing';
}
