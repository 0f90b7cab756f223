import type { EmulatorState } from '../../state.ts';
import { isoDay } from './costs.ts';

/**
 * Usage billed today to an account, as when a training job runs: Cost
 * Explorer and Budgets' ActualSpend move with it (POST /_emulator/usage,
 * `{ accountId, amount, tags? }` in USD). Bad input is refused, naming it.
 */
export function postUsage(
  state: EmulatorState,
  input: { accountId?: unknown; amount?: unknown; tags?: unknown },
) {
  const { accountId, amount, tags = {} } = input ?? {};
  if (typeof accountId !== 'string' || !state.accounts.has(accountId)) {
    throw new Error(
      `accountId ${JSON.stringify(
        accountId,
      )} is not an account of the organization`,
    );
  }
  if (typeof amount !== 'number' || !(amount > 0) || amount > 1_000_000) {
    throw new Error(
      `amount must be a number of USD above 0 and at most 1000000; got ${JSON.stringify(
        amount,
      )}`,
    );
  }
  if (
    typeof tags !== 'object' ||
    tags === null ||
    Object.values(tags).some(v => typeof v !== 'string')
  ) {
    throw new Error('tags must be an object of string values');
  }
  const charge = {
    accountId,
    day: isoDay(new Date()),
    cents: Math.round(amount * 100),
    tags: tags as Record<string, string>,
  };
  state.usageCharges.push(charge);
  return { accountId, day: charge.day, amount: charge.cents / 100 };
}
