// The organization as AWS holds it, read through the AWS SDK from the
// emulator: every OU by path and every account with its parent's path.
import {
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListOrganizationalUnitsForParent,
  type Account,
  type OrganizationalUnit,
} from '@aws-sdk/client-organizations';
import { ControlTowerClient } from '@aws-sdk/client-controltower';
import { emulatorOptions } from '../lib/emulator.ts';
import type { TemplateCase } from './cases.ts';

export type AwsClients = {
  organizations: OrganizationsClient;
  controlTower: ControlTowerClient;
};

export type OrganizationAccount = Account & { ouPath: string };

export type Organization = {
  ous: Map<string, OrganizationalUnit>;
  /** Every OU's path, with repeats were an OU made twice. */
  ouPaths: string[];
  accounts: OrganizationAccount[];
};

/** Every item of a paginated list. */
export async function allPages<P, T>(
  pages: AsyncIterable<P>,
  itemsOf: (page: P) => T[] | undefined,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  return items;
}

/** AWS SDK clients on the emulator, as the management account. */
export function awsClients(emulator: string): AwsClients {
  const options = emulatorOptions(emulator);
  return {
    organizations: new OrganizationsClient(options),
    controlTower: new ControlTowerClient(options),
  };
}

/** The OU at `path`; the checks need it to exist. */
export function ouAt(org: Organization, path: string): OrganizationalUnit {
  const ou = org.ous.get(path);
  if (!ou) throw new Error(`The organization has no OU ${path}`);
  return ou;
}

/** Every OU by path, and every account with the path of its parent. */
export async function readOrganization({
  organizations,
}: Pick<AwsClients, 'organizations'>): Promise<Organization> {
  const { Roots } = await organizations.send(new ListRootsCommand({}));
  const root = Roots?.[0];
  if (!root?.Id) throw new Error('The organization has no root');
  const ous = new Map<string, OrganizationalUnit>();
  const ouPaths: string[] = [];
  const walk = async (parentId: string, prefix: string) => {
    const children = await allPages(
      paginateListOrganizationalUnitsForParent(
        { client: organizations },
        { ParentId: parentId },
      ),
      page => page.OrganizationalUnits,
    );
    for (const ou of children) {
      const path = prefix ? `${prefix}/${ou.Name}` : `${ou.Name}`;
      ous.set(path, ou);
      ouPaths.push(path);
      await walk(ou.Id!, path);
    }
  };
  await walk(root.Id, '');
  const pathOf = new Map([...ous].map(([path, ou]) => [ou.Id, path]));
  const accounts = await allPages(
    paginateListAccounts({ client: organizations }, {}),
    page => page.Accounts,
  );
  const withPaths: OrganizationAccount[] = [];
  for (const account of accounts) {
    const { Parents } = await organizations.send(
      new ListParentsCommand({ ChildId: account.Id }),
    );
    withPaths.push({
      ...account,
      ouPath: pathOf.get(Parents?.[0]?.Id) ?? 'Root',
    });
  }
  return { ous, ouPaths, accounts: withPaths };
}

/**
 * What keeps the organization from being the clean layout of `cases`: a
 * duplicate account or OU, an account outside its OU, an account whose name
 * starts with `prefix` left in the Root.
 */
export function layoutProblems(
  org: Organization,
  cases: Pick<TemplateCase, 'accounts' | 'values'>[],
  prefix: string,
): string[] {
  const duplicates = (names: (string | undefined)[], what: string) =>
    Object.entries(
      names.reduce<Record<string, number>>(
        (n, name) => ({ ...n, [`${name}`]: (n[`${name}`] ?? 0) + 1 }),
        {},
      ),
    )
      .filter(([, count]) => count > 1)
      .map(([name, count]) => `${what} ${name} ×${count}`);
  return [
    ...duplicates(
      org.accounts.map(a => a.Name),
      'account',
    ),
    ...duplicates(org.ouPaths, 'OU'),
    ...cases.flatMap(c =>
      Object.entries(c.accounts)
        .map(([stage, ouPath]) => ({
          name: `${c.values.project}-${stage}`,
          ouPath,
        }))
        .filter(
          ({ name, ouPath }) =>
            org.accounts.find(a => a.Name === name)?.ouPath !== ouPath,
        )
        .map(({ name, ouPath }) => `${name} not in ${ouPath}`),
    ),
    ...org.accounts
      .filter(a => a.ouPath === 'Root' && a.Name?.startsWith(prefix))
      .map(a => `${a.Name} left in the Root`),
  ];
}
