import {
  Account,
  AccountNotFoundException,
  CreateAccountStatus,
  DescribeAccountCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListCreateAccountStatus,
} from '@aws-sdk/client-organizations';
import { allPages } from '../../pages';
import { OuResolver } from './organizationalUnits';
import { getRootId } from './root';

/** An account a plan names: its emails and names are predictable. @public */
export interface PlannedAccountRef {
  name: string;
  email: string;
  ouPath: string;
}

async function describeAccount(
  client: OrganizationsClient,
  accountId: string,
): Promise<Account | undefined> {
  try {
    return (
      await client.send(new DescribeAccountCommand({ AccountId: accountId }))
    ).Account;
  } catch (error) {
    if (error instanceof AccountNotFoundException) return undefined;
    throw error;
  }
}

/**
 * The organization's accounts that use the planned emails (by lower-case
 * email), found without scanning the organization. A planned account can
 * only be where a run of the suite leaves it, and each place is read:
 * - the one the suite's record holds for the stage (DescribeAccount);
 * - in its OU, among the OU's children (ListAccountsForParent);
 * - in the Root, where a new account starts and stays until moved (a run
 *   stopped between CreateAccount and MoveAccount, or a failed move), and
 *   where invited accounts land: among the Root's children;
 * - made and moved elsewhere since: among the creation requests AWS tracks
 *   (ListCreateAccountStatus, SUCCEEDED), by the planned name, confirmed by
 *   the account's email (DescribeAccount).
 * An account somewhere else with a planned email (moved by hand before AWS's
 * creation history, or invited elsewhere) is not found here; CreateAccount
 * then fails
 * with EMAIL_ALREADY_EXISTS, as AWS keeps emails unique, and ensureAccount
 * looks it up then (see accountMadeByEarlierCall): no second account either
 * way.
 *
 * @public
 */
export async function findPlannedAccounts(
  client: OrganizationsClient,
  accounts: PlannedAccountRef[],
  options: {
    /** The account ids the suite's record holds for the project. */
    recordedIds?: string[];
    /** The run's OU look-ups, shared with its other steps. */
    ous?: OuResolver;
    /** The run's one read of the creation requests (creationRequestsOnce). */
    creationRequests?: () => Promise<CreateAccountStatus[]>;
  } = {},
): Promise<Map<string, Account>> {
  const ous = options.ous ?? new OuResolver(client);
  const emails = new Set(accounts.map(a => a.email.toLowerCase()));
  const names = new Set(accounts.map(a => a.name));
  const [recorded, inOus, made] = await Promise.all([
    Promise.all(
      (options.recordedIds ?? []).map(id => describeAccount(client, id)),
    ),
    Promise.all(
      [undefined, ...new Set(accounts.map(a => a.ouPath))].map(async path => {
        const parentId = path
          ? (await ous.find(path))?.Id
          : await getRootId(client);
        if (!parentId) return [];
        return allPages(
          paginateListAccountsForParent({ client }, { ParentId: parentId }),
          page => page.Accounts,
        );
      }),
    ),
    options.creationRequests
      ? options.creationRequests()
      : allPages(
          paginateListCreateAccountStatus(
            { client },
            { States: ['SUCCEEDED'] },
          ),
          page => page.CreateAccountStatuses,
        ),
  ]);
  const byEmail = new Map<string, Account>();
  const add = (account: Account | undefined) => {
    const email = account?.Email?.toLowerCase();
    if (account && email && emails.has(email)) byEmail.set(email, account);
  };
  [...recorded, ...inOus.flat()].forEach(add);
  const known = new Set([...byEmail.values()].map(a => a.Id));
  const candidates = made.filter(
    s =>
      s.State === 'SUCCEEDED' &&
      s.AccountId &&
      names.has(s.AccountName!) &&
      !known.has(s.AccountId),
  );
  (
    await Promise.all(
      candidates.map(s => describeAccount(client, s.AccountId!)),
    )
  ).forEach(add);
  return byEmail;
}
