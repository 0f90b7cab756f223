import {
  ListParentsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { AccountRequest } from './accounts';
import { OuResolver } from './organizationalUnits';
import { findPlannedAccounts } from './plannedAccounts';
import { getRootId } from './root';

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
  const ous = new OuResolver(client);
  const byEmail = await findPlannedAccounts(client, accounts, { ous });
  const lines = [];
  for (const account of accounts) {
    const label = `${account.name} (${account.email})`;
    const found = byEmail.get(account.email.toLowerCase());
    if (!found?.Id) {
      lines.push(`${label}: not created`);
      continue;
    }
    const { Parents } = await client.send(
      new ListParentsCommand({ ChildId: found.Id }),
    );
    const parentId = Parents?.[0]?.Id;
    const ou = await ous.find(account.ouPath);
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
