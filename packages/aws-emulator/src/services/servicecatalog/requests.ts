/**
 * Service Catalog's request helpers, split out of shared.ts: name and token
 * patterns, its errors, paging and IdempotencyToken handling, which every
 * operation group uses.
 */
import { AwsError } from '../../errors.ts';
import { paginate } from '../../context.ts';
import type { EmulatorState } from '../../state.ts';

export const PROVISIONED_PRODUCT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$/;
export const TOKEN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,127}$/;
export const MAX_IAM_PATTERNS = 10;

export const invalid = (message: string) =>
  new AwsError('InvalidParametersException', message);
/**
 * One page of a Service Catalog list (PageSize, PageToken), 20 items unless
 * asked otherwise; each operation's model caps PageSize (20 or 100) before
 * its handler runs.
 */
export function scPage<T>(items: T[], input: any) {
  const { page, nextToken } = paginate(
    items,
    input?.PageSize || undefined,
    input?.PageToken,
    { max: 100, default: 20 },
    () => invalid('PageToken is not valid.'),
  );
  return { page, NextPageToken: nextToken };
}

export const notFound = (message: string) =>
  new AwsError('ResourceNotFoundException', message);

/**
 * A create call carrying an IdempotencyToken: repeated with the same token
 * and parameters, it answers what the first call made instead of making a
 * second one; with the same token and other parameters, it is refused.
 */
export function idempotent<T>(
  state: EmulatorState,
  accountId: string,
  operation: string,
  input: Record<string, unknown>,
  create: () => T,
): T {
  const { IdempotencyToken: token, ...parameters } = input;
  if (typeof token !== 'string') return create();
  const key = `${accountId}/${operation}/${token}`;
  const fingerprint = JSON.stringify(parameters);
  const earlier = state.idempotentAnswers.get(key);
  if (earlier) {
    if (earlier.parameters !== fingerprint) {
      throw invalid(
        `IdempotencyToken ${token} was used before with other parameters.`,
      );
    }
    return earlier.answer as T;
  }
  const answer = create();
  state.idempotentAnswers.set(key, { parameters: fingerprint, answer });
  return answer;
}
