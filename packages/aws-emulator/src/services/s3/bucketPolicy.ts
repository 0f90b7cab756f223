// What a bucket policy grants another account's principal, and S3's bucket
// owner condition. A bucket of another account is reachable only through
// its policy (and the caller's own identity policy, judged before the
// handler), which is how a bucket someone else named first can take the
// objects meant for one's own: ExpectedBucketOwner and s3:ResourceAccount
// are AWS's answers to that.
import { AwsError } from '../../errors.ts';
import type { BucketRecord } from '../../stateResources.ts';

/** Who calls, by account and role (aws:PrincipalArn, not the session). */
export interface S3Caller {
  accountId: string;
  principalArn: string;
}

const list = (value: unknown): string[] =>
  value === undefined ? [] : [value].flat().map(String);

function globMatches(pattern: string, value: string, ignoreCase: boolean) {
  const source = pattern
    .split('')
    .map(c => {
      if (c === '*') return '.*';
      if (c === '?') return '.';
      return c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'si' : 's').test(value);
}

function principalMatches(principal: any, who: S3Caller) {
  if (principal === '*') return true;
  return list(principal?.AWS).some(
    p =>
      p === '*' ||
      p === who.accountId ||
      p === `arn:aws:iam::${who.accountId}:root` ||
      p === who.principalArn,
  );
}

/**
 * Whether the bucket's policy allows the call: an applying Deny wins, and
 * a conditional Allow grants nothing (conditions are not evaluated here).
 */
export function bucketPolicyAllows(
  bucket: BucketRecord,
  who: S3Caller,
  action: string,
  resource: string,
): boolean {
  if (!bucket.policy) return false;
  let statements: any[];
  try {
    statements = [JSON.parse(bucket.policy).Statement].flat();
  } catch {
    return false;
  }
  const applies = (st: any) =>
    principalMatches(st?.Principal, who) &&
    list(st?.Action).some(a => globMatches(a, action, true)) &&
    list(st?.Resource).some(r => globMatches(r, resource, false));
  if (statements.some(st => st?.Effect === 'Deny' && applies(st))) {
    return false;
  }
  return statements.some(
    st => st?.Effect === 'Allow' && st.Condition === undefined && applies(st),
  );
}

/**
 * S3's bucket owner condition: with ExpectedBucketOwner, a bucket of any
 * other account is 403 AccessDenied, whatever its policy grants.
 */
export function checkExpectedOwner(
  bucket: BucketRecord | undefined,
  expectedOwner: unknown,
) {
  if (expectedOwner === undefined || !bucket) return;
  if (bucket.accountId !== String(expectedOwner)) {
    throw new AwsError('AccessDenied', 'Access Denied', { status: 403 });
  }
}
