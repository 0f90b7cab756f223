/** What the Organizations operations share: AWS's limits and patterns, look-ups, and the records' AWS shapes. */
import {
  AwsError,
  accessDenied,
  constraintViolation,
  invalidInput,
} from '../../errors.ts';
import { type CallContext, paginate } from '../../context.ts';
import { ids } from '../../ids.ts';
import type {
  AccountRecord,
  CreateAccountRequest,
  EmulatorState,
  OuRecord,
  PolicyRecord,
  Tags,
} from '../../state.ts';

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

// ---- organization tree, shared with the seed loader ----

export function ouArn(state: EmulatorState, ouId: string) {
  return `${state.organizationArnPrefix}:ou/${state.organizationId}/${ouId}`;
}

export function accountArn(state: EmulatorState, accountId: string) {
  return `${state.organizationArnPrefix}:account/${state.organizationId}/${accountId}`;
}

export function attachFullAwsAccess(state: EmulatorState, targetId: string) {
  if (state.scpEnabled) {
    state.attach(FULL_AWS_ACCESS_ID, targetId);
  }
}

export function ensureFullAwsAccessPolicy(state: EmulatorState) {
  if (state.policies.has(FULL_AWS_ACCESS_ID)) return;
  state.policies.set(FULL_AWS_ACCESS_ID, {
    id: FULL_AWS_ACCESS_ID,
    arn: `arn:aws:organizations::aws:policy/service_control_policy/${FULL_AWS_ACCESS_ID}`,
    name: 'FullAWSAccess',
    description: 'Allows access to every operation',
    type: SCP,
    awsManaged: true,
    content: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    }),
    tags: {},
  });
}

export function createOu(
  state: EmulatorState,
  parentId: string,
  name: string,
  tags: Tags = {},
): OuRecord {
  if (!state.isParent(parentId)) {
    throw new AwsError(
      'ParentNotFoundException',
      `Parent ${parentId} does not exist.`,
    );
  }
  if (name === undefined || name.length < 1 || name.length > 128) {
    throw invalidInput(
      'MAX_LENGTH_EXCEEDED',
      'Name must be 1 to 128 characters.',
    );
  }
  if (
    [...state.ous.values()].some(
      ou => ou.parentId === parentId && ou.name === name,
    )
  ) {
    throw new AwsError(
      'DuplicateOrganizationalUnitException',
      `An OU named ${name} already exists in ${parentId}.`,
    );
  }
  if (state.depthOf(parentId) + 1 > MAX_OU_DEPTH) {
    throw constraintViolation(
      'OU_DEPTH_LIMIT_EXCEEDED',
      `You cannot nest OUs more than ${MAX_OU_DEPTH} levels below the root.`,
    );
  }
  validateTags(tags);
  const id = ids.ou(state.rootId);
  const ou = { id, arn: ouArn(state, id), name, parentId, tags: { ...tags } };
  state.ous.set(id, ou);
  attachFullAwsAccess(state, id);
  return ou;
}

export function addAccount(
  state: EmulatorState,
  fields: {
    id?: string;
    name: string;
    email: string;
    parentId?: string;
    tags?: Tags;
    roleName?: string;
  },
): AccountRecord {
  const id = fields.id ?? ids.account();
  const account: AccountRecord = {
    id,
    arn: accountArn(state, id),
    name: fields.name,
    email: fields.email,
    parentId: fields.parentId ?? state.rootId,
    state: 'ACTIVE',
    joinedMethod: 'CREATED',
    joinedTimestamp: new Date(),
    roleName: fields.roleName ?? 'OrganizationAccountAccessRole',
    tags: { ...fields.tags },
  };
  state.accounts.set(id, account);
  attachFullAwsAccess(state, id);
  return account;
}

export function validatePolicyContent(content: string) {
  if (content.length > MAX_SCP_CHARACTERS) {
    throw constraintViolation(
      'POLICY_CONTENT_LIMIT_EXCEEDED',
      `The policy is ${content.length} characters; service control policies may have at most ${MAX_SCP_CHARACTERS}.`,
    );
  }
  let document: any;
  try {
    document = JSON.parse(content);
  } catch (error) {
    throw new AwsError(
      'MalformedPolicyDocumentException',
      `The provided policy document does not meet the requirements of the specified policy type: ${
        (error as Error).message
      }`,
    );
  }
  const statements = [document?.Statement ?? []].flat();
  const wellFormed =
    document?.Version === '2012-10-17' &&
    statements.length > 0 &&
    statements.every(
      (s: any) =>
        (s.Effect === 'Allow' || s.Effect === 'Deny') &&
        (s.Action !== undefined || s.NotAction !== undefined) &&
        s.Principal === undefined &&
        s.NotPrincipal === undefined,
    );
  if (!wellFormed) {
    throw new AwsError(
      'MalformedPolicyDocumentException',
      'The provided policy document does not meet the requirements of the specified policy type: it needs Version 2012-10-17 and statements with Effect and Action or NotAction, and no Principal.',
    );
  }
}

export function createPolicy(
  state: EmulatorState,
  fields: {
    name: string;
    description: string;
    content: string;
    type?: string;
    tags?: Tags;
  },
): PolicyRecord {
  const type = fields.type ?? SCP;
  if (type !== SCP) {
    throw new AwsError(
      'PolicyTypeNotAvailableForOrganizationException',
      `The emulator supports only ${SCP} policies.`,
    );
  }
  validatePolicyContent(fields.content);
  if (
    [...state.policies.values()].some(
      p => p.type === type && p.name === fields.name,
    )
  ) {
    throw new AwsError(
      'DuplicatePolicyException',
      `A policy named ${fields.name} already exists.`,
    );
  }
  validateTags(fields.tags ?? {});
  const id = ids.policy();
  const policy: PolicyRecord = {
    id,
    arn: `${state.organizationArnPrefix}:policy/${state.organizationId}/service_control_policy/${id}`,
    name: fields.name,
    description: fields.description,
    type,
    awsManaged: false,
    content: fields.content,
    tags: { ...fields.tags },
  };
  state.policies.set(id, policy);
  return policy;
}

export function targetExists(state: EmulatorState, targetId: string) {
  return (
    targetId === state.rootId ||
    state.ous.has(targetId) ||
    state.accounts.has(targetId)
  );
}

export function attachPolicy(
  state: EmulatorState,
  maxPerTarget: number,
  policyId: string,
  targetId: string,
) {
  const policy = state.policies.get(policyId);
  if (!policy) {
    throw new AwsError(
      'PolicyNotFoundException',
      `Policy ${policyId} does not exist.`,
    );
  }
  if (!targetExists(state, targetId)) {
    throw new AwsError(
      'TargetNotFoundException',
      `Target ${targetId} does not exist.`,
    );
  }
  if (!state.scpEnabled) {
    throw new AwsError(
      'PolicyTypeNotEnabledException',
      `${SCP} is not enabled on the root; call EnablePolicyType first.`,
    );
  }
  if (state.attachments.get(policyId)?.has(targetId)) {
    throw new AwsError(
      'DuplicatePolicyAttachmentException',
      `Policy ${policyId} is already attached to ${targetId}.`,
    );
  }
  const attached = state
    .policiesAttachedTo(targetId)
    .filter(p => p.type === policy.type);
  if (attached.length >= maxPerTarget) {
    throw constraintViolation(
      'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      `Target ${targetId} already has ${attached.length} service control policies attached directly; the quota is ${maxPerTarget}.`,
    );
  }
  state.attach(policyId, targetId);
}

export function summary(policy: PolicyRecord) {
  return {
    Id: policy.id,
    Arn: policy.arn,
    Name: policy.name,
    Description: policy.description,
    Type: policy.type,
    AwsManaged: policy.awsManaged,
  };
}

/**
 * Where an entity sits, as Organizations writes it: the organization, the
 * root and each OU down to it, e.g. `o-abc/r-ab12/ou-ab12-11111111/`.
 */
export function entityPath(state: EmulatorState, id: string) {
  return `${[state.organizationId, ...state.pathTo(id)].join('/')}/`;
}

export function describeOu(state: EmulatorState, ou: OuRecord) {
  return {
    Id: ou.id,
    Arn: ou.arn,
    Name: ou.name,
    Path: entityPath(state, ou.id),
  };
}

export function describeAccount(state: EmulatorState, account: AccountRecord) {
  return {
    Paths: [entityPath(state, account.id)],
    Id: account.id,
    Arn: account.arn,
    Email: account.email,
    Name: account.name,
    // The retiring Status field knows no CLOSED: a closed account reads SUSPENDED there.
    Status: account.state === 'CLOSED' ? 'SUSPENDED' : account.state,
    State: account.state,
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: account.joinedTimestamp.getTime() / 1000,
  };
}

export function describeRoot(state: EmulatorState) {
  return {
    Id: state.rootId,
    Arn: state.rootArn,
    Name: 'Root',
    PolicyTypes: state.scpEnabled ? [{ Type: SCP, Status: 'ENABLED' }] : [],
  };
}

export function describeCreateAccountStatus(request: CreateAccountRequest) {
  return {
    Id: request.id,
    AccountName: request.accountName,
    State: request.state,
    RequestedTimestamp: request.requestedTimestamp.getTime() / 1000,
    CompletedTimestamp: request.completedTimestamp
      ? request.completedTimestamp.getTime() / 1000
      : undefined,
    AccountId: request.accountId,
    FailureReason: request.failureReason,
  };
}

export function getOu(state: EmulatorState, id: string) {
  const ou = state.ous.get(id);
  if (!ou) {
    throw new AwsError(
      'OrganizationalUnitNotFoundException',
      `Organizational unit ${id} does not exist.`,
    );
  }
  return ou;
}

export function getAccount(state: EmulatorState, id: string) {
  const account = state.accounts.get(id);
  if (!account) {
    throw new AwsError(
      'AccountNotFoundException',
      `Account ${id} is not in the organization.`,
    );
  }
  return account;
}

export function getParent(state: EmulatorState, id: string) {
  if (!state.isParent(id)) {
    throw new AwsError(
      'ParentNotFoundException',
      `Parent ${id} does not exist.`,
    );
  }
}

export function getPolicy(state: EmulatorState, id: string) {
  const policy = state.policies.get(id);
  if (!policy) {
    throw new AwsError(
      'PolicyNotFoundException',
      `Policy ${id} does not exist.`,
    );
  }
  return policy;
}

export function tagsOf(state: EmulatorState, resourceId: string): Tags {
  if (resourceId === state.rootId) return state.rootTags;
  const resource =
    state.ous.get(resourceId) ??
    state.accounts.get(resourceId) ??
    state.policies.get(resourceId);
  if (!resource) {
    throw new AwsError(
      'TargetNotFoundException',
      `Resource ${resourceId} does not exist.`,
    );
  }
  return resource.tags;
}

export function requireManagement(ctx: CallContext, operation: string) {
  if (
    ctx.caller.accountId !== ctx.state.managementAccountId &&
    !READ_OPERATIONS_FOR_MEMBERS.has(operation)
  ) {
    throw accessDenied(
      `You don't have permissions to access this resource: ${operation} can be called only from the organization's management account.`,
    );
  }
}
