import {
  CreateAccountCommand,
  type CreateAccountStatus as CreationRequest,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DuplicateAccountException,
  ListParentsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  paginateListCreateAccountStatus,
} from '@aws-sdk/client-organizations';
import { allPages } from '../../pages';
import { findAccountByEmail } from '../../preflight';
import { DRY_RUN_ID, ProvisioningStep, poll } from '../step';
import { ensureOuPath } from './organizationalUnits';
import { findPlannedAccounts } from './plannedAccounts';
import { ensureTags } from './tags';

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
  step: ProvisioningStep,
  known: {
    /** The account's OU, when the caller has already ensured it. */
    ou?: { id: string };
    /** The planned accounts by email, read this run (see findPlannedAccounts). */
    accountsByEmail?: Map<string, { Id?: string }>;
    /** Settles when the OU may take the account (its registration is done). */
    ouReady?: Promise<unknown>;
    /**
     * The organization's creation requests, one read shared by the run's
     * accounts (see creationRequestsOnce); read per account without it.
     */
    creationRequests?: () => Promise<CreationRequest[]>;
  } = {},
): Promise<string> {
  const ou = known.ou ?? (await ensureOuPath(client, request.ouPath, step));
  let accountId = (
    known.accountsByEmail ?? (await findPlannedAccounts(client, [request]))
  ).get(request.email.toLowerCase())?.Id;
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
      () =>
        createAccount(
          client,
          request,
          step,
          known.creationRequests ?? creationRequestsOnce(client),
        ),
    );
  }

  await known.ouReady;
  await ensureAccountIn(client, accountId!, ou.id, request.ouPath, step);
  await ensureTags(client, accountId!, request.tags, step);
  return accountId!;
}

/**
 * The organization's account creation requests in progress or done
 * (ListCreateAccountStatus), read at the first call and shared by later
 * ones: a run's accounts have different names, so one account's creation
 * never hides another's, and the read is paged (90 days of requests).
 *
 * @public
 */
export function creationRequestsOnce(
  client: OrganizationsClient,
): () => Promise<CreationRequest[]> {
  let listing: Promise<CreationRequest[]> | undefined;
  return () => {
    if (!listing) {
      listing = allPages(
        paginateListCreateAccountStatus(
          { client },
          { States: ['IN_PROGRESS', 'SUCCEEDED'] },
        ),
        page => page.CreateAccountStatuses,
      );
      listing.catch(() => {
        listing = undefined;
      });
    }
    return listing;
  };
}

async function createAccount(
  client: OrganizationsClient,
  request: AccountRequest,
  step: ProvisioningStep,
  creationRequests: () => Promise<CreationRequest[]>,
) {
  // A creation that a stopped task started is still running or done: resume
  // it. Done ones are looked at too, for one that finished since the run
  // looked for the account (a second CreateAccount would be refused anyway).
  const earlier = (await creationRequests()).filter(
    s => s.AccountName === request.name,
  );
  for (const done of earlier.filter(s => s.State === 'SUCCEEDED')) {
    const { Account } = await client.send(
      new DescribeAccountCommand({ AccountId: done.AccountId }),
    );
    if (Account?.Email?.toLowerCase() === request.email.toLowerCase()) {
      step.logger.info(
        `Account ${request.name} was created by an earlier run: ${done.AccountId}; using it`,
      );
      return done.AccountId!;
    }
  }
  let requestId = earlier.find(s => s.State === 'IN_PROGRESS')?.Id;
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
  step: ProvisioningStep,
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
  // Where a run leaves it first; the organization-wide scan only when the
  // email is used somewhere a run does not leave accounts.
  const account =
    (await findPlannedAccounts(client, [request])).get(
      request.email.toLowerCase(),
    ) ?? (await findAccountByEmail(client, request.email));
  if (account && account.Name === request.name) {
    step.logger.info(
      `Account ${request.name} (${account.Id}) was created by an earlier call whose answer was lost; using it`,
    );
    return account.Id;
  }
  return undefined;
}

/** Moves the account into the OU unless it is there already. */
export async function ensureAccountIn(
  client: OrganizationsClient,
  accountId: string,
  ouId: string,
  ouPath: string,
  step: ProvisioningStep,
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
