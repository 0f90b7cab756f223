import {
  AccountNotFoundException,
  DescribeAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  ACCOUNT_TAGS,
  AccountStage,
} from '@mlgov/plugin-ml-environments-common';
import { accountStatusOf } from '../../snapshotReads';
import { readOrganizationTags } from '../../tags';

/** An account's lifecycle as AWS reports it now, or `NOT_FOUND` outside the organization. */
export async function accountState(
  client: OrganizationsClient,
  accountId: string,
): Promise<string> {
  try {
    const { Account } = await client.send(
      new DescribeAccountCommand({ AccountId: accountId }),
    );
    return (Account && accountStatusOf(Account)) ?? 'UNKNOWN';
  } catch (error) {
    if (error instanceof AccountNotFoundException) return 'NOT_FOUND';
    throw error;
  }
}

/** Refuses (in words) unless every account is ACTIVE now, as AWS says at this moment. */
export async function inactiveAccountProblems(
  client: OrganizationsClient,
  accountIds: string[],
): Promise<string[]> {
  const states = await Promise.all(
    accountIds.map(async id => [id, await accountState(client, id)] as const),
  );
  return states
    .filter(([, state]) => state !== 'ACTIVE')
    .map(([id, state]) =>
      state === 'NOT_FOUND'
        ? `account ${id} is not in the organization`
        : `account ${id} is ${state.toLowerCase().replace('_', ' ')}`,
    );
}

/**
 * Whether two group refs name one group (`team-a` is `group:default/team-a`):
 * how an account's owner tag is compared with a project's owner.
 *
 * @public
 */
export const sameGroupRef = (a: string, b: string) => {
  const full = (ref: string) => {
    const lower = ref.trim().toLowerCase();
    const kinded = lower.includes(':') ? lower : `group:${lower}`;
    return kinded.includes('/') ? kinded : kinded.replace(':', ':default/');
  };
  return a !== '' && full(a) === full(b);
};

/**
 * Why these accounts are not, as AWS says now, the given project's accounts
 * for these stages: each must be active and carry the project's identity as
 * the suite's run set it (project, stage and owner tags). None when they are.
 */
export async function projectAccountProblems(
  client: OrganizationsClient,
  project: { project: string; owner: string },
  accounts: Array<{ stage: AccountStage; accountId: string }>,
): Promise<string[]> {
  const problems = await inactiveAccountProblems(
    client,
    accounts.map(a => a.accountId),
  );
  if (problems.length > 0) return problems;
  for (const { stage, accountId } of accounts) {
    const tags = await readOrganizationTags(client, accountId);
    const tagged = tags[ACCOUNT_TAGS.project];
    if (tagged !== project.project) {
      problems.push(
        `account ${accountId} is ${
          tagged ? `tagged ${ACCOUNT_TAGS.project}=${tagged}` : 'not tagged'
        }, not ${ACCOUNT_TAGS.project}=${project.project}`,
      );
    } else if (tags[ACCOUNT_TAGS.stage] !== stage) {
      problems.push(
        `account ${accountId} is ${project.project}'s ${
          tags[ACCOUNT_TAGS.stage] ?? 'unstaged'
        } account, not its ${stage} account`,
      );
    } else if (!sameGroupRef(tags[ACCOUNT_TAGS.owner] ?? '', project.owner)) {
      problems.push(
        `account ${accountId} is tagged ${ACCOUNT_TAGS.owner}=${
          tags[ACCOUNT_TAGS.owner] ?? '(none)'
        }, not the project's owner ${project.owner}`,
      );
    }
  }
  return problems;
}
