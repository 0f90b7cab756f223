import { isDeepStrictEqual } from 'node:util';
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DuplicateAccountException,
  DuplicateOrganizationalUnitException,
  DuplicatePolicyAttachmentException,
  DuplicatePolicyException,
  ListParentsCommand,
  MoveAccountCommand,
  OrganizationalUnit,
  OrganizationsClient,
  PolicySummary,
  TagResourceCommand,
  UpdatePolicyCommand,
  DescribePolicyCommand,
  paginateListCreateAccountStatus,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
} from '@aws-sdk/client-organizations';
import { parseOuPath } from '@mlgov/plugin-ml-environments-common';
import {
  findAccountByEmail,
  getRootIdOf,
  listDirectScps,
  readOrganizationTags,
} from '@mlgov/plugin-ml-environments-node';
import { InputError } from '@backstage/errors';
import { Step, poll } from './step';

/** Stands in for ids of things a dry run would create. */
export const DRY_RUN_ID = 'dry-run';

// An organization's root never changes, so each client looks it up once.
const rootIds = new WeakMap<OrganizationsClient, Promise<string>>();

export function getRootId(client: OrganizationsClient): Promise<string> {
  if (!rootIds.has(client)) {
    const lookup = getRootIdOf(client);
    lookup.catch(() => rootIds.delete(client));
    rootIds.set(client, lookup);
  }
  return rootIds.get(client)!;
}

async function findChildOu(
  client: OrganizationsClient,
  parentId: string,
  name: string,
): Promise<OrganizationalUnit | undefined> {
  // Pages may be empty while more follow, so walk them all.
  for await (const page of paginateListOrganizationalUnitsForParent(
    { client },
    { ParentId: parentId },
  )) {
    const match = page.OrganizationalUnits?.find(ou => ou.Name === name);
    if (match) return match;
  }
  return undefined;
}

function namesOf(path: string) {
  const parsed = parseOuPath(path);
  if (!parsed.ok) throw new InputError(parsed.message);
  return parsed.names;
}

/** The OU at a path below the root, or undefined when some part is missing. */
export async function findOu(
  client: OrganizationsClient,
  path: string,
): Promise<OrganizationalUnit | undefined> {
  let parentId = await getRootId(client);
  let ou: OrganizationalUnit | undefined;
  for (const name of namesOf(path)) {
    ou = await findChildOu(client, parentId, name);
    if (!ou) return undefined;
    parentId = ou.Id!;
  }
  return ou;
}

/** Creates the OUs missing from a path; a dry run only reports them. */
export async function ensureOuPath(
  client: OrganizationsClient,
  path: string,
  step: Step,
): Promise<{ id: string; arn: string }> {
  const names = namesOf(path);
  let parentId = await getRootId(client);
  let ou: OrganizationalUnit | undefined;
  for (const [index, name] of names.entries()) {
    const pathSoFar = names.slice(0, index + 1).join('/');
    ou = await findChildOu(client, parentId, name);
    if (ou) {
      step.logger.info(`OU ${pathSoFar} exists: ${ou.Id}`);
    } else if (step.isDryRun) {
      step.logger.info(`Dry run: would create OU ${pathSoFar}`);
      return { id: DRY_RUN_ID, arn: DRY_RUN_ID };
    } else {
      ou = await createChildOu(client, parentId, name);
      step.logger.info(`Created OU ${pathSoFar}: ${ou.Id}`);
    }
    parentId = ou.Id!;
  }
  return { id: ou!.Id!, arn: ou!.Arn! };
}

async function createChildOu(
  client: OrganizationsClient,
  parentId: string,
  name: string,
) {
  try {
    const { OrganizationalUnit: created } = await client.send(
      new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }),
    );
    return created!;
  } catch (error) {
    // Another run created it between our look-up and our create: use theirs.
    if (error instanceof DuplicateOrganizationalUnitException) {
      const existing = await findChildOu(client, parentId, name);
      if (existing) return existing;
    }
    throw error;
  }
}

export interface AccountRequest {
  name: string;
  email: string;
  ouPath: string;
  tags: Record<string, string>;
}

const FAILURE_ADVICE: Record<string, string> = {
  EMAIL_ALREADY_EXISTS:
    'another AWS account, outside this organization, already uses this email; choose another email',
  INVALID_EMAIL: 'AWS does not accept this email; choose another',
  ACCOUNT_LIMIT_EXCEEDED:
    'the organization has reached its account quota; ask AWS for more through Service Quotas',
  CONCURRENT_ACCOUNT_MODIFICATION:
    'a request with the same details is already being processed; run the template again shortly',
  INTERNAL_FAILURE: 'AWS failed internally; run the template again later',
};

/**
 * Makes sure an account with this email exists in the OU with these tags:
 * reuses the organization's account with the email, or resumes an unfinished
 * creation of the same name, and otherwise creates it.
 */
export async function ensureAccount(
  client: OrganizationsClient,
  request: AccountRequest,
  step: Step,
  known: {
    /** The account's OU, when the caller has already ensured it. */
    ou?: { id: string };
    /** The organization's accounts by email, read this run (see accountsByEmail). */
    accountsByEmail?: Map<string, { Id?: string }>;
  } = {},
): Promise<string> {
  const ou = known.ou ?? (await ensureOuPath(client, request.ouPath, step));
  let accountId = (
    known.accountsByEmail
      ? known.accountsByEmail.get(request.email.toLowerCase())
      : await findAccountByEmail(client, request.email)
  )?.Id;
  if (accountId) {
    step.logger.info(
      `Account ${request.email} exists: ${accountId}; reusing it`,
    );
  } else if (step.isDryRun) {
    step.logger.info(
      `Dry run: would create account ${request.name} (${request.email}) in ${request.ouPath}`,
    );
    return DRY_RUN_ID;
  } else {
    accountId = await step.checkpoint(
      `organizations.createAccount.${request.email}`,
      () => createAccount(client, request, step),
    );
  }

  await placeAccount(client, accountId!, ou.id, request.ouPath, step);
  await ensureTags(client, accountId!, request.tags, step);
  return accountId!;
}

async function createAccount(
  client: OrganizationsClient,
  request: AccountRequest,
  step: Step,
) {
  // A creation that a stopped task started is still running or done: resume it.
  let requestId: string | undefined;
  for await (const page of paginateListCreateAccountStatus(
    { client },
    { States: ['IN_PROGRESS'] },
  )) {
    requestId ??= page.CreateAccountStatuses?.find(
      s => s.AccountName === request.name,
    )?.Id;
  }
  if (requestId) {
    step.logger.info(
      `Account ${request.name} is already being created (${requestId}); waiting for it`,
    );
  } else {
    const { CreateAccountStatus } = await client.send(
      new CreateAccountCommand({
        AccountName: request.name,
        Email: request.email,
        Tags: Object.entries(request.tags).map(([Key, Value]) => ({
          Key,
          Value,
        })),
      }),
    );
    requestId = CreateAccountStatus!.Id!;
    step.logger.info(`Creating account ${request.name} (${requestId})`);
  }
  const { CreateAccountStatus: status } = await poll(
    step,
    `account ${request.name}`,
    () =>
      client.send(
        new DescribeCreateAccountStatusCommand({
          CreateAccountRequestId: requestId,
        }),
      ),
    r => r.CreateAccountStatus?.State !== 'IN_PROGRESS',
    r => r.CreateAccountStatus?.State ?? 'unknown',
  );
  if (
    status?.State === 'FAILED' &&
    status.FailureReason === 'EMAIL_ALREADY_EXISTS'
  ) {
    // Our own earlier call may have made it and its answer been lost.
    const made = await accountMadeByEarlierCall(client, request, step);
    if (made) return made;
  }
  if (status?.State !== 'SUCCEEDED') {
    const reason = status?.FailureReason ?? 'UNKNOWN';
    throw new Error(
      `Creating account ${request.name} (${
        request.email
      }) failed with ${reason}: ${
        FAILURE_ADVICE[reason] ??
        'see the AWS Organizations console for details'
      }`,
    );
  }
  await requireEmail(client, status.AccountId!, request);
  step.logger.info(`Created account ${request.name}: ${status.AccountId}`);
  return status.AccountId!;
}

/** A resumed creation is ours only if the account has our email too. */
async function requireEmail(
  client: OrganizationsClient,
  accountId: string,
  request: AccountRequest,
) {
  const { Account } = await client.send(
    new DescribeAccountCommand({ AccountId: accountId }),
  );
  if (Account?.Email?.toLowerCase() !== request.email.toLowerCase()) {
    throw new Error(
      `Account ${request.name} (${accountId}) was created with the email ${Account?.Email}, not ${request.email}; it is not this project's account. Rename one of them, then run the template again`,
    );
  }
}

/**
 * After EMAIL_ALREADY_EXISTS: waits for any creation of this account name
 * still in progress, then looks the email up in the organization.
 */
async function accountMadeByEarlierCall(
  client: OrganizationsClient,
  request: AccountRequest,
  step: Step,
): Promise<string | undefined> {
  const inProgress = async () => {
    let count = 0;
    for await (const page of paginateListCreateAccountStatus(
      { client },
      { States: ['IN_PROGRESS'] },
    )) {
      count += (page.CreateAccountStatuses ?? []).filter(
        s => s.AccountName === request.name,
      ).length;
    }
    return count;
  };
  await poll(
    step,
    `earlier creations of account ${request.name}`,
    inProgress,
    count => count === 0,
    count => `${count} in progress`,
  );
  const account = await findAccountByEmail(client, request.email);
  if (account && account.Name === request.name) {
    step.logger.info(
      `Account ${request.name} (${account.Id}) was created by an earlier call whose answer was lost; using it`,
    );
    return account.Id;
  }
  return undefined;
}

async function placeAccount(
  client: OrganizationsClient,
  accountId: string,
  ouId: string,
  ouPath: string,
  step: Step,
) {
  const { Parents } = await client.send(
    new ListParentsCommand({ ChildId: accountId }),
  );
  const parentId = Parents?.[0]?.Id;
  if (parentId === ouId) return;
  if (step.isDryRun) {
    step.logger.info(`Dry run: would move account ${accountId} into ${ouPath}`);
    return;
  }
  try {
    await client.send(
      new MoveAccountCommand({
        AccountId: accountId,
        SourceParentId: parentId,
        DestinationParentId: ouId,
      }),
    );
  } catch (error) {
    if (!(error instanceof DuplicateAccountException)) throw error;
  }
  step.logger.info(`Moved account ${accountId} into ${ouPath}`);
}

/**
 * Where each planned account is after a run that failed part-way, one line
 * per account for the task's log. An account left in the Root is moved into
 * its OU when the OU exists (once, without failing the report); an account
 * never created says so.
 */
export async function reportAccountPlacement(
  client: OrganizationsClient,
  accounts: Array<Pick<AccountRequest, 'name' | 'email' | 'ouPath'>>,
): Promise<string[]> {
  const rootId = await getRootId(client);
  const lines = [];
  for (const account of accounts) {
    const label = `${account.name} (${account.email})`;
    const found = await findAccountByEmail(client, account.email);
    if (!found?.Id) {
      lines.push(`${label}: not created`);
      continue;
    }
    const { Parents } = await client.send(
      new ListParentsCommand({ ChildId: found.Id }),
    );
    const parentId = Parents?.[0]?.Id;
    const ou = await findOu(client, account.ouPath);
    if (ou?.Id === parentId) {
      lines.push(`${label}: ${found.Id}, in ${account.ouPath}`);
    } else if (parentId !== rootId) {
      lines.push(
        `${label}: ${found.Id}, in ${parentId}, not in ${account.ouPath}`,
      );
    } else if (!ou?.Id) {
      lines.push(
        `${label}: ${found.Id}, in the Root, because ${account.ouPath} does not exist`,
      );
    } else {
      try {
        await client.send(
          new MoveAccountCommand({
            AccountId: found.Id,
            SourceParentId: rootId,
            DestinationParentId: ou.Id,
          }),
        );
        lines.push(
          `${label}: ${found.Id}, moved from the Root into ${account.ouPath}`,
        );
      } catch (error) {
        lines.push(
          `${label}: ${found.Id}, in the Root; moving it into ${
            account.ouPath
          } failed (${(error as Error).message})`,
        );
      }
    }
  }
  return lines;
}

/** Adds or corrects the given tags, leaving the others as they are. */
export async function ensureTags(
  client: OrganizationsClient,
  resourceId: string,
  tags: Record<string, string>,
  step: Step,
) {
  const current = await readOrganizationTags(client, resourceId);
  const missing = Object.entries(tags).filter(
    ([key, value]) => current[key] !== value,
  );
  if (missing.length === 0) return;
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would tag ${resourceId} with ${missing
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
    return;
  }
  await client.send(
    new TagResourceCommand({
      ResourceId: resourceId,
      Tags: missing.map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  step.logger.info(
    `Tagged ${resourceId} with ${missing
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
}

/**
 * Whether two policy documents say the same: AWS may give a document back
 * reformatted, so they are compared as JSON values, not as text.
 */
export function sameDocument(stored: string | undefined, wanted: string) {
  if (stored === undefined) return false;
  try {
    return isDeepStrictEqual(JSON.parse(stored), JSON.parse(wanted));
  } catch {
    return stored === wanted;
  }
}

export interface PolicyRequest {
  name: string;
  description: string;
  content: string;
}

async function findPolicies(client: OrganizationsClient) {
  const byName = new Map<string, PolicySummary>();
  for await (const page of paginateListPolicies(
    { client },
    { Filter: 'SERVICE_CONTROL_POLICY' },
  )) {
    for (const policy of page.Policies ?? []) byName.set(policy.Name!, policy);
  }
  return byName;
}

/** Brings a policy's document back to the library's when it differs. */
async function ensurePolicyContent(
  client: OrganizationsClient,
  id: string,
  policy: PolicyRequest,
  step: Step,
) {
  const { Policy } = await client.send(
    new DescribePolicyCommand({ PolicyId: id }),
  );
  if (!sameDocument(Policy?.Content, policy.content)) {
    if (step.isDryRun) {
      step.logger.info(
        `Dry run: would update SCP ${policy.name} to the library's current document`,
      );
    } else {
      await client.send(
        new UpdatePolicyCommand({ PolicyId: id, Content: policy.content }),
      );
      step.logger.info(
        `Updated SCP ${policy.name} to the library's current document`,
      );
    }
  }
}

/**
 * Makes sure each policy exists with this content and is attached to the
 * target. Call checkScpQuota before, so the quota is checked before any change.
 */
export async function ensurePoliciesAttached(
  client: OrganizationsClient,
  target: { id: string; label: string },
  policies: PolicyRequest[],
  step: Step,
  /** Names of policies whose documents this run has already checked. */
  checked = new Set<string>(),
): Promise<Record<string, string>> {
  const existing = await findPolicies(client);
  // A target that a dry run would create has nothing attached yet.
  const attached = new Set(
    target.id === DRY_RUN_ID
      ? []
      : (await listDirectScps(client, target.id)).map(p => p.Name),
  );
  const ids: Record<string, string> = {};
  for (const policy of policies) {
    let id = existing.get(policy.name)?.Id;
    if (id) {
      if (!checked.has(policy.name)) {
        checked.add(policy.name);
        await ensurePolicyContent(client, id, policy, step);
      }
    } else if (step.isDryRun) {
      step.logger.info(`Dry run: would create SCP ${policy.name}`);
    } else {
      id = await step.checkpoint(
        `organizations.createPolicy.${policy.name}`,
        async () => {
          try {
            const { Policy } = await client.send(
              new CreatePolicyCommand({
                Name: policy.name,
                Description: policy.description,
                Content: policy.content,
                Type: 'SERVICE_CONTROL_POLICY',
              }),
            );
            step.logger.info(
              `Created SCP ${policy.name}: ${Policy!.PolicySummary!.Id}`,
            );
            return Policy!.PolicySummary!.Id!;
          } catch (error) {
            // Made by another run, or by our own call whose answer was lost.
            if (!(error instanceof DuplicatePolicyException)) throw error;
            const made = (await findPolicies(client)).get(policy.name);
            if (!made) throw error;
            await ensurePolicyContent(client, made.Id!, policy, step);
            return made.Id!;
          }
        },
      );
      existing.set(policy.name, { Id: id, Name: policy.name });
    }
    ids[policy.name] = id ?? DRY_RUN_ID;

    if (attached.has(policy.name)) {
      step.logger.info(
        `SCP ${policy.name} is already attached to ${target.label}`,
      );
    } else if (step.isDryRun) {
      step.logger.info(
        `Dry run: would attach SCP ${policy.name} to ${target.label}`,
      );
    } else {
      try {
        await client.send(
          new AttachPolicyCommand({ PolicyId: id, TargetId: target.id }),
        );
      } catch (error) {
        if (!(error instanceof DuplicatePolicyAttachmentException)) throw error;
      }
      attached.add(policy.name);
      step.logger.info(`Attached SCP ${policy.name} to ${target.label}`);
    }
  }
  return ids;
}
