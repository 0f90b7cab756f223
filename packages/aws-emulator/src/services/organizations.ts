import {
  AwsError,
  accessDenied,
  constraintViolation,
  invalidInput,
} from '../errors.ts';
import {
  type CallContext,
  type Handlers,
  paginate,
  tagsFromList,
  tagsToList,
} from '../context.ts';
import { ids } from '../ids.ts';
import type {
  AccountRecord,
  CreateAccountRequest,
  EmulatorState,
  OuRecord,
  PolicyRecord,
  Tags,
} from '../state.ts';

export const SCP = 'SERVICE_CONTROL_POLICY';
export const FULL_AWS_ACCESS_ID = 'p-FullAWSAccess';
export const MAX_OU_DEPTH = 5;
export const MAX_SCP_CHARACTERS = 5120;
const MAX_TAGS = 50;

// Patterns from the Organizations API model.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ACCOUNT_NAME = /^[\u0020-\u007E]{1,50}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const TAG_TEXT = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

const READ_OPERATIONS_FOR_MEMBERS = new Set(['DescribeOrganization']);

function required(input: any, ...names: string[]) {
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

const nextTokenError = () =>
  invalidInput('INVALID_NEXT_TOKEN', 'The NextToken is not valid.');

function page<T>(items: T[], input: any) {
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

function validateTags(tags: Tags, existing = 0) {
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

function attachFullAwsAccess(state: EmulatorState, targetId: string) {
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

function targetExists(state: EmulatorState, targetId: string) {
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

function summary(policy: PolicyRecord) {
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
function entityPath(state: EmulatorState, id: string) {
  return `${[state.organizationId, ...state.pathTo(id)].join('/')}/`;
}

function describeOu(state: EmulatorState, ou: OuRecord) {
  return {
    Id: ou.id,
    Arn: ou.arn,
    Name: ou.name,
    Path: entityPath(state, ou.id),
  };
}

function describeAccount(state: EmulatorState, account: AccountRecord) {
  return {
    Paths: [entityPath(state, account.id)],
    Id: account.id,
    Arn: account.arn,
    Email: account.email,
    Name: account.name,
    Status: account.state,
    State: account.state,
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: account.joinedTimestamp.getTime() / 1000,
  };
}

function describeRoot(state: EmulatorState) {
  return {
    Id: state.rootId,
    Arn: state.rootArn,
    Name: 'Root',
    PolicyTypes: state.scpEnabled ? [{ Type: SCP, Status: 'ENABLED' }] : [],
  };
}

function describeCreateAccountStatus(request: CreateAccountRequest) {
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

function getOu(state: EmulatorState, id: string) {
  const ou = state.ous.get(id);
  if (!ou) {
    throw new AwsError(
      'OrganizationalUnitNotFoundException',
      `Organizational unit ${id} does not exist.`,
    );
  }
  return ou;
}

function getAccount(state: EmulatorState, id: string) {
  const account = state.accounts.get(id);
  if (!account) {
    throw new AwsError(
      'AccountNotFoundException',
      `Account ${id} is not in the organization.`,
    );
  }
  return account;
}

function getParent(state: EmulatorState, id: string) {
  if (!state.isParent(id)) {
    throw new AwsError(
      'ParentNotFoundException',
      `Parent ${id} does not exist.`,
    );
  }
}

function getPolicy(state: EmulatorState, id: string) {
  const policy = state.policies.get(id);
  if (!policy) {
    throw new AwsError(
      'PolicyNotFoundException',
      `Policy ${id} does not exist.`,
    );
  }
  return policy;
}

function tagsOf(state: EmulatorState, resourceId: string): Tags {
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

function requireManagement(ctx: CallContext, operation: string) {
  if (
    ctx.caller.accountId !== ctx.state.managementAccountId &&
    !READ_OPERATIONS_FOR_MEMBERS.has(operation)
  ) {
    throw accessDenied(
      `You don't have permissions to access this resource: ${operation} can be called only from the organization's management account.`,
    );
  }
}

const handlers: Handlers = {
  DescribeOrganization: ({ state }) => {
    const management = state.accounts.get(state.managementAccountId);
    return {
      Organization: {
        Id: state.organizationId,
        Arn: `${state.organizationArnPrefix}:organization/${state.organizationId}`,
        FeatureSet: state.featureSet,
        MasterAccountArn: management?.arn,
        MasterAccountId: state.managementAccountId,
        MasterAccountEmail: management?.email,
        AvailablePolicyTypes: state.scpEnabled
          ? [{ Type: SCP, Status: 'ENABLED' }]
          : [],
      },
    };
  },

  ListRoots: ({ state }, input) => {
    const { page: roots, nextToken } = page([describeRoot(state)], input);
    return { Roots: roots, NextToken: nextToken };
  },

  CreateOrganizationalUnit: ({ state, config }, input) => {
    required(input, 'ParentId', 'Name');
    if (state.ous.size >= config.maxOusPerOrganization) {
      throw constraintViolation(
        'OU_NUMBER_LIMIT_EXCEEDED',
        `The organization already has ${state.ous.size} OUs, its quota.`,
      );
    }
    const ou = createOu(
      state,
      input.ParentId,
      input.Name,
      tagsFromList(input.Tags),
    );
    return { OrganizationalUnit: describeOu(state, ou) };
  },

  DescribeOrganizationalUnit: ({ state }, input) => {
    required(input, 'OrganizationalUnitId');
    return {
      OrganizationalUnit: describeOu(
        state,
        getOu(state, input.OrganizationalUnitId),
      ),
    };
  },

  DeleteOrganizationalUnit: ({ state }, input) => {
    required(input, 'OrganizationalUnitId');
    const ou = getOu(state, input.OrganizationalUnitId);
    const hasChildren =
      [...state.ous.values()].some(child => child.parentId === ou.id) ||
      [...state.accounts.values()].some(account => account.parentId === ou.id);
    if (hasChildren) {
      throw new AwsError(
        'OrganizationalUnitNotEmptyException',
        `Organizational unit ${ou.id} still contains accounts or OUs.`,
      );
    }
    state.ous.delete(ou.id);
    for (const targets of state.attachments.values()) targets.delete(ou.id);
    return {};
  },

  ListOrganizationalUnitsForParent: ({ state }, input) => {
    required(input, 'ParentId');
    getParent(state, input.ParentId);
    const children = [...state.ous.values()].filter(
      ou => ou.parentId === input.ParentId,
    );
    const { page: ous, nextToken } = page(
      children.map(ou => describeOu(state, ou)),
      input,
    );
    return { OrganizationalUnits: ous, NextToken: nextToken };
  },

  ListChildren: ({ state }, input) => {
    required(input, 'ParentId', 'ChildType');
    getParent(state, input.ParentId);
    const childrenByType: Record<
      string,
      Array<{ id: string; parentId: string }>
    > = {
      ORGANIZATIONAL_UNIT: [...state.ous.values()],
      ACCOUNT: [...state.accounts.values()],
    };
    const children = childrenByType[input.ChildType]?.filter(
      child => child.parentId === input.ParentId,
    );
    if (!children) {
      throw invalidInput(
        'INVALID_ENUM',
        'ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT.',
      );
    }
    const { page: items, nextToken } = page(
      children.map(child => ({ Id: child.id, Type: input.ChildType })),
      input,
    );
    return { Children: items, NextToken: nextToken };
  },

  ListParents: ({ state }, input) => {
    required(input, 'ChildId');
    const child =
      state.accounts.get(input.ChildId) ?? state.ous.get(input.ChildId);
    if (!child) {
      throw new AwsError(
        'ChildNotFoundException',
        `Child ${input.ChildId} does not exist.`,
      );
    }
    const type =
      child.parentId === state.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
    return { Parents: [{ Id: child.parentId, Type: type }] };
  },

  CreateAccount: (ctx, input) => {
    const { state, config } = ctx;
    required(input, 'Email', 'AccountName');
    if (
      input.Email.length < 6 ||
      input.Email.length > 64 ||
      !EMAIL.test(input.Email)
    ) {
      throw invalidInput(
        'INVALID_PATTERN',
        `Email ${input.Email} is not a valid email address.`,
      );
    }
    if (!ACCOUNT_NAME.test(input.AccountName)) {
      throw invalidInput(
        'INVALID_PATTERN',
        'AccountName must be 1 to 50 printable ASCII characters.',
      );
    }
    const roleName = input.RoleName ?? 'OrganizationAccountAccessRole';
    if (!ROLE_NAME.test(roleName) || roleName.startsWith('AWSServiceRoleFor')) {
      throw invalidInput(
        'INVALID_ROLE_NAME',
        `RoleName ${roleName} is not valid.`,
      );
    }
    const tags = tagsFromList(input.Tags);
    validateTags(tags);
    const inProgress = [...state.createAccountRequests.values()].filter(
      r => r.state === 'IN_PROGRESS',
    ).length;
    if (inProgress >= config.maxConcurrentAccountCreations) {
      throw new AwsError(
        'TooManyRequestsException',
        `${inProgress} account creations are in progress; wait for one to finish.`,
        { fields: { Type: 'CreateAccount' } },
      );
    }
    const request: CreateAccountRequest = {
      id: ids.createAccountRequest(),
      accountName: input.AccountName,
      email: input.Email,
      roleName,
      tags,
      state: 'IN_PROGRESS',
      requestedTimestamp: new Date(),
    };
    state.createAccountRequests.set(request.id, request);
    state.later(config.asyncDelayMs, () =>
      completeAccountCreation(ctx, request),
    );
    return { CreateAccountStatus: describeCreateAccountStatus(request) };
  },

  DescribeCreateAccountStatus: ({ state }, input) => {
    required(input, 'CreateAccountRequestId');
    const request = state.createAccountRequests.get(
      input.CreateAccountRequestId,
    );
    if (!request) {
      throw new AwsError(
        'CreateAccountStatusNotFoundException',
        `No account creation request ${input.CreateAccountRequestId}.`,
      );
    }
    return { CreateAccountStatus: describeCreateAccountStatus(request) };
  },

  ListCreateAccountStatus: ({ state }, input) => {
    const states: string[] | undefined = input?.States;
    const requests = [...state.createAccountRequests.values()].filter(
      r => !states?.length || states.includes(r.state),
    );
    const { page: statuses, nextToken } = page(
      requests.map(describeCreateAccountStatus),
      input,
    );
    return { CreateAccountStatuses: statuses, NextToken: nextToken };
  },

  DescribeAccount: ({ state }, input) => {
    required(input, 'AccountId');
    return {
      Account: describeAccount(state, getAccount(state, input.AccountId)),
    };
  },

  ListAccounts: ({ state }, input) => {
    const { page: accounts, nextToken } = page(
      [...state.accounts.values()].map(a => describeAccount(state, a)),
      input,
    );
    return { Accounts: accounts, NextToken: nextToken };
  },

  ListAccountsForParent: ({ state }, input) => {
    required(input, 'ParentId');
    getParent(state, input.ParentId);
    const accounts = [...state.accounts.values()].filter(
      a => a.parentId === input.ParentId,
    );
    const { page: items, nextToken } = page(
      accounts.map(a => describeAccount(state, a)),
      input,
    );
    return { Accounts: items, NextToken: nextToken };
  },

  MoveAccount: ({ state }, input) => {
    required(input, 'AccountId', 'SourceParentId', 'DestinationParentId');
    const account = getAccount(state, input.AccountId);
    if (!state.isParent(input.SourceParentId)) {
      throw new AwsError(
        'SourceParentNotFoundException',
        `Source ${input.SourceParentId} does not exist.`,
      );
    }
    if (!state.isParent(input.DestinationParentId)) {
      throw new AwsError(
        'DestinationParentNotFoundException',
        `Destination ${input.DestinationParentId} does not exist.`,
      );
    }
    if (account.parentId === input.DestinationParentId) {
      throw new AwsError(
        'DuplicateAccountException',
        `Account ${account.id} is already in ${input.DestinationParentId}.`,
      );
    }
    if (account.parentId !== input.SourceParentId) {
      throw new AwsError(
        'SourceParentNotFoundException',
        `Account ${account.id} is not in ${input.SourceParentId}.`,
      );
    }
    account.parentId = input.DestinationParentId;
    return {};
  },

  TagResource: ({ state }, input) => {
    required(input, 'ResourceId', 'Tags');
    const tags = tagsOf(state, input.ResourceId);
    const added = tagsFromList(input.Tags);
    const newKeys = Object.keys(added).filter(key => !(key in tags)).length;
    validateTags(
      added,
      Object.keys(tags).length + newKeys - Object.keys(added).length,
    );
    Object.assign(tags, added);
    return {};
  },

  UntagResource: ({ state }, input) => {
    required(input, 'ResourceId', 'TagKeys');
    const tags = tagsOf(state, input.ResourceId);
    for (const key of input.TagKeys) delete tags[key];
    return {};
  },

  ListTagsForResource: ({ state }, input) => {
    required(input, 'ResourceId');
    const { page: tags, nextToken } = page(
      tagsToList(tagsOf(state, input.ResourceId)),
      input,
    );
    return { Tags: tags, NextToken: nextToken };
  },

  CreatePolicy: ({ state, config }, input) => {
    required(input, 'Content', 'Name', 'Type');
    const scps = [...state.policies.values()].filter(p => p.type === SCP);
    if (input.Type === SCP && scps.length >= config.maxScpsPerOrganization) {
      throw constraintViolation(
        'POLICY_NUMBER_LIMIT_EXCEEDED',
        `The organization already has ${scps.length} SCPs, its quota.`,
      );
    }
    if (input.Description === undefined || input.Description === null) {
      throw invalidInput(
        'INPUT_REQUIRED',
        'You must specify Description (it may be empty).',
      );
    }
    const policy = createPolicy(state, {
      name: input.Name,
      description: input.Description,
      content: input.Content,
      type: input.Type,
      tags: tagsFromList(input.Tags),
    });
    return {
      Policy: { PolicySummary: summary(policy), Content: policy.content },
    };
  },

  DescribePolicy: ({ state }, input) => {
    required(input, 'PolicyId');
    const policy = getPolicy(state, input.PolicyId);
    return {
      Policy: { PolicySummary: summary(policy), Content: policy.content },
    };
  },

  UpdatePolicy: ({ state }, input) => {
    required(input, 'PolicyId');
    const policy = getPolicy(state, input.PolicyId);
    if (policy.awsManaged) {
      throw invalidInput(
        'IMMUTABLE_POLICY',
        `Policy ${policy.id} is managed by AWS and cannot be changed.`,
      );
    }
    if (input.Content !== undefined) {
      validatePolicyContent(input.Content);
    }
    if (
      input.Name !== undefined &&
      input.Name !== policy.name &&
      [...state.policies.values()].some(p => p.name === input.Name)
    ) {
      throw new AwsError(
        'DuplicatePolicyException',
        `A policy named ${input.Name} already exists.`,
      );
    }
    policy.name = input.Name ?? policy.name;
    policy.description = input.Description ?? policy.description;
    policy.content = input.Content ?? policy.content;
    return {
      Policy: { PolicySummary: summary(policy), Content: policy.content },
    };
  },

  DeletePolicy: ({ state }, input) => {
    required(input, 'PolicyId');
    const policy = getPolicy(state, input.PolicyId);
    if (policy.awsManaged) {
      throw invalidInput(
        'IMMUTABLE_POLICY',
        `Policy ${policy.id} is managed by AWS.`,
      );
    }
    if (state.attachments.get(policy.id)?.size) {
      throw new AwsError(
        'PolicyInUseException',
        `Policy ${policy.id} is still attached.`,
      );
    }
    state.policies.delete(policy.id);
    return {};
  },

  ListPolicies: ({ state }, input) => {
    required(input, 'Filter');
    const policies = [...state.policies.values()].filter(
      p => p.type === input.Filter,
    );
    const { page: items, nextToken } = page(policies.map(summary), input);
    return { Policies: items, NextToken: nextToken };
  },

  AttachPolicy: ({ state, config }, input) => {
    required(input, 'PolicyId', 'TargetId');
    attachPolicy(
      state,
      config.maxScpsPerTarget,
      input.PolicyId,
      input.TargetId,
    );
    return {};
  },

  DetachPolicy: ({ state }, input) => {
    required(input, 'PolicyId', 'TargetId');
    const policy = getPolicy(state, input.PolicyId);
    if (!targetExists(state, input.TargetId)) {
      throw new AwsError(
        'TargetNotFoundException',
        `Target ${input.TargetId} does not exist.`,
      );
    }
    if (!state.attachments.get(policy.id)?.has(input.TargetId)) {
      throw new AwsError(
        'PolicyNotAttachedException',
        `Policy ${policy.id} is not attached to ${input.TargetId}.`,
      );
    }
    const sameType = state
      .policiesAttachedTo(input.TargetId)
      .filter(p => p.type === policy.type);
    if (sameType.length <= 1) {
      throw constraintViolation(
        'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
        `Every root, OU and account must keep at least one service control policy; attach another to ${input.TargetId} before detaching ${policy.id}.`,
      );
    }
    state.attachments.get(policy.id)!.delete(input.TargetId);
    return {};
  },

  ListPoliciesForTarget: ({ state }, input) => {
    required(input, 'TargetId', 'Filter');
    if (!targetExists(state, input.TargetId)) {
      throw new AwsError(
        'TargetNotFoundException',
        `Target ${input.TargetId} does not exist.`,
      );
    }
    const policies = state
      .policiesAttachedTo(input.TargetId)
      .filter(p => p.type === input.Filter);
    const { page: items, nextToken } = page(policies.map(summary), input);
    return { Policies: items, NextToken: nextToken };
  },

  ListTargetsForPolicy: ({ state }, input) => {
    required(input, 'PolicyId');
    const policy = getPolicy(state, input.PolicyId);
    const targets = [...(state.attachments.get(policy.id) ?? [])].map(
      targetId => {
        if (targetId === state.rootId) {
          return {
            TargetId: targetId,
            Arn: state.rootArn,
            Name: 'Root',
            Type: 'ROOT',
          };
        }
        const ou = state.ous.get(targetId);
        if (ou) {
          return {
            TargetId: ou.id,
            Arn: ou.arn,
            Name: ou.name,
            Type: 'ORGANIZATIONAL_UNIT',
          };
        }
        const account = state.accounts.get(targetId)!;
        return {
          TargetId: account.id,
          Arn: account.arn,
          Name: account.name,
          Type: 'ACCOUNT',
        };
      },
    );
    const { page: items, nextToken } = page(targets, input);
    return { Targets: items, NextToken: nextToken };
  },

  EnablePolicyType: ({ state }, input) => {
    required(input, 'RootId', 'PolicyType');
    if (input.RootId !== state.rootId) {
      throw new AwsError(
        'RootNotFoundException',
        `Root ${input.RootId} does not exist.`,
      );
    }
    if (input.PolicyType !== SCP) {
      throw new AwsError(
        'PolicyTypeNotAvailableForOrganizationException',
        `The emulator supports only ${SCP}.`,
      );
    }
    if (state.scpEnabled) {
      throw new AwsError(
        'PolicyTypeAlreadyEnabledException',
        `${SCP} is already enabled on ${state.rootId}.`,
      );
    }
    state.scpEnabled = true;
    ensureFullAwsAccessPolicy(state);
    for (const targetId of [
      state.rootId,
      ...state.ous.keys(),
      ...state.accounts.keys(),
    ]) {
      attachFullAwsAccess(state, targetId);
    }
    return { Root: describeRoot(state) };
  },
};

function completeAccountCreation(
  ctx: CallContext,
  request: CreateAccountRequest,
) {
  const { state, config } = ctx;
  request.completedTimestamp = new Date();
  const injected = config.faults.createAccountFailures.find(rule =>
    new RegExp(rule.emailPattern).test(request.email),
  );
  const emailTaken = [...state.accounts.values()].some(
    account => account.email.toLowerCase() === request.email.toLowerCase(),
  );
  const failureReason =
    injected?.reason ??
    (emailTaken ? 'EMAIL_ALREADY_EXISTS' : undefined) ??
    (state.accounts.size >= state.accountQuota
      ? 'ACCOUNT_LIMIT_EXCEEDED'
      : undefined);
  if (failureReason) {
    request.state = 'FAILED';
    request.failureReason = failureReason;
    return;
  }
  const account = addAccount(state, {
    name: request.accountName,
    email: request.email,
    tags: request.tags,
    roleName: request.roleName,
  });
  request.state = 'SUCCEEDED';
  request.accountId = account.id;
}

/**
 * Makes the caller's standalone account the management account of a new
 * organization, as AWS does; an account already in one gets
 * AlreadyInOrganizationException. No policy type is enabled at first.
 */
function createOrganization(ctx: CallContext, input: any) {
  const { state, caller } = ctx;
  if (state.inOrganization) {
    throw new AwsError(
      'AlreadyInOrganizationException',
      'The provided account is already a member of an organization.',
    );
  }
  state.inOrganization = true;
  state.managementAccountId = caller.accountId;
  state.featureSet = input.FeatureSet ?? 'ALL';
  state.scpEnabled = false;
  return handlers.DescribeOrganization(ctx, {});
}

/** The operations below that change state; every other one only reads. */
export const organizationsMutations: ReadonlySet<string> = new Set([
  'CreateOrganization',
  'CreateOrganizationalUnit',
  'DeleteOrganizationalUnit',
  'CreateAccount',
  'MoveAccount',
  'TagResource',
  'UntagResource',
  'CreatePolicy',
  'UpdatePolicy',
  'DeletePolicy',
  'AttachPolicy',
  'DetachPolicy',
  'EnablePolicyType',
]);

export function organizationsHandlers(): Handlers {
  return {
    ...Object.fromEntries(
      Object.entries(handlers).map(([operation, handler]) => [
        operation,
        (ctx: CallContext, input: any) => {
          if (!ctx.state.inOrganization) {
            throw new AwsError(
              'AWSOrganizationsNotInUseException',
              'Your account is not a member of an organization.',
            );
          }
          requireManagement(ctx, operation);
          return handler(ctx, input);
        },
      ]),
    ),
    CreateOrganization: createOrganization,
  };
}
