import { ProvisioningStep, poll } from '../step';

/** IAM propagation takes seconds to minutes; longer means something else is wrong. */
const MAX_WAIT_MS = 5 * 60_000;

/**
 * Waits until a just-created account's access role can be assumed. AWS
 * reports the account SUCCEEDED before IAM has its role everywhere, and
 * AssumeRole answers AccessDenied meanwhile: retried for a bounded time,
 * then a clear error (a dry run checks nothing).
 *
 * @public
 */
export async function ensureAccountAssumable(
  clients: {
    assumeRoleRefusal(accountId: string): Promise<string | undefined>;
  },
  accountId: string,
  step: ProvisioningStep,
): Promise<void> {
  if (step.isDryRun) return;
  await poll(
    { ...step, timeoutMs: Math.min(step.timeoutMs, MAX_WAIT_MS) },
    `the access role of account ${accountId} (IAM propagation after CreateAccount)`,
    () => clients.assumeRoleRefusal(accountId),
    refusal => refusal === undefined,
    refusal => refusal ?? 'assumable',
  );
}
