/**
 * Organizations' input rules, split out of shared.ts: AWS's limits and
 * patterns, required fields, paging, tag checks and the management-account
 * guard, which every operation group uses.
 */
import {
  accessDenied,
  constraintViolation,
  invalidInput,
} from '../../errors.ts';
import { type CallContext, paginate } from '../../context.ts';
import type { Tags } from '../../state.ts';

export const SCP = 'SERVICE_CONTROL_POLICY';
export const FULL_AWS_ACCESS_ID = 'p-FullAWSAccess';
export const MAX_OU_DEPTH = 5;
export const MAX_SCP_CHARACTERS = 5120;
export const MAX_TAGS = 50;

// Patterns from the Organizations API model.
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const ACCOUNT_NAME = /^[\u0020-\u007E]{1,50}$/;
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const TAG_TEXT = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

export const READ_OPERATIONS_FOR_MEMBERS = new Set(['DescribeOrganization']);

/**
 * The operations AWS's model says "can be called only from the
 * organization's management account or by a member account that is a
 * delegated administrator for an Amazon Web Services service".
 */
export const READ_OPERATIONS_FOR_DELEGATED_ADMINISTRATORS = new Set([
  'DescribeAccount',
  'DescribeCreateAccountStatus',
  'DescribeOrganizationalUnit',
  'DescribePolicy',
  'ListAWSServiceAccessForOrganization',
  'ListAccounts',
  'ListAccountsForParent',
  'ListChildren',
  'ListCreateAccountStatus',
  'ListDelegatedAdministrators',
  'ListOrganizationalUnitsForParent',
  'ListParents',
  'ListPolicies',
  'ListPoliciesForTarget',
  'ListRoots',
  'ListTagsForResource',
  'ListTargetsForPolicy',
]);

export function required(input: any, ...names: string[]) {
  for (const name of names) {
    if (
      input?.[name] === undefined ||
      input[name] === null ||
      input[name] === ''
    ) {
      throw invalidInput('INPUT_REQUIRED', `You must specify ${name}.`);
    }
  }
}

export const nextTokenError = () =>
  invalidInput('INVALID_NEXT_TOKEN', 'The NextToken is not valid.');

export function page<T>(items: T[], input: any) {
  if (
    input?.MaxResults !== undefined &&
    (input.MaxResults < 1 || input.MaxResults > 20)
  ) {
    throw invalidInput(
      input.MaxResults < 1 ? 'MIN_VALUE_EXCEEDED' : 'MAX_VALUE_EXCEEDED',
      'MaxResults must be between 1 and 20.',
    );
  }
  return paginate(
    items,
    input?.MaxResults,
    input?.NextToken,
    { max: 20 },
    nextTokenError,
  );
}

export function validateTags(tags: Tags, existing = 0) {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) {
      throw invalidInput('INVALID_PATTERN', `Tag key '${key}' is not valid.`);
    }
    if (
      value === null ||
      value === undefined ||
      value.length > 256 ||
      !TAG_TEXT.test(value)
    ) {
      throw invalidInput(
        'INVALID_PATTERN',
        `Tag value for '${key}' is not valid.`,
      );
    }
  }
  if (existing + Object.keys(tags).length > MAX_TAGS) {
    throw constraintViolation(
      'MAX_TAG_LIMIT_EXCEEDED',
      `You can attach at most ${MAX_TAGS} tags to a resource.`,
    );
  }
}

export function requireManagement(ctx: CallContext, operation: string) {
  const { state, caller } = ctx;
  const delegated = () =>
    [...state.delegatedAdministrators.values()].some(accounts =>
      accounts.has(caller.accountId),
    );
  if (
    caller.accountId !== state.managementAccountId &&
    !READ_OPERATIONS_FOR_MEMBERS.has(operation) &&
    !(
      READ_OPERATIONS_FOR_DELEGATED_ADMINISTRATORS.has(operation) && delegated()
    )
  ) {
    throw accessDenied(
      `You don't have permissions to access this resource: ${operation} can be called only from the organization's management account${
        READ_OPERATIONS_FOR_DELEGATED_ADMINISTRATORS.has(operation)
          ? ' or by a member account that is a delegated administrator'
          : ''
      }.`,
    );
  }
}
