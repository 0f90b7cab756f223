import {
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { ACCOUNT_TAGS } from '@mlgov/plugin-ml-environments-common';
import {
  DRY_RUN_ID,
  ProvisioningStep,
  allPages,
  readOrganizationTags,
} from '@mlgov/plugin-ml-environments-node';

/** Accounts read under one OU to name the projects a change reaches. */
const MAX_ACCOUNTS_READ = 200;

/** A change to an OU (or the root) that the project shares with others. */
export interface SharedChange {
  target: string;
  change: string;
  /** Other projects with accounts under the target, or who else it reaches. */
  alsoAppliesTo: string[];
}

/**
 * The changes a run makes to OUs and the root, which reach every account
 * below them, not only the project's: collected as they are made (or, in a
 * dry run, would be), then reported with the other projects they reach, so
 * that nothing outside the project changes silently.
 */
export class SharedChanges {
  private readonly changes: Array<{
    target: { id: string; label: string; root: boolean };
    change: string;
  }> = [];

  constructor(
    private readonly org: OrganizationsClient,
    private readonly project: string,
  ) {}

  note(target: { id: string; label: string; root: boolean }, change: string) {
    this.changes.push({ target, change });
  }

  async report(step: ProvisioningStep): Promise<SharedChange[]> {
    const reached = new Map<string, string[]>();
    const report: SharedChange[] = [];
    for (const { target, change } of this.changes) {
      if (!reached.has(target.id)) {
        reached.set(target.id, await this.projectsUnder(target));
      }
      const alsoAppliesTo = reached.get(target.id)!;
      report.push({ target: target.label, change, alsoAppliesTo });
      step.logger.info(
        `Shared change: ${step.isDryRun ? 'would ' : ''}${change} on ${
          target.label
        }, which also applies to ${
          alsoAppliesTo.length
            ? alsoAppliesTo.join(', ')
            : "no other project's accounts"
        }`,
      );
    }
    return report;
  }

  private async projectsUnder(target: {
    id: string;
    root: boolean;
  }): Promise<string[]> {
    if (target.root) return ['every account of the organization'];
    // An OU this run made (or would make) holds nobody else's accounts.
    if (target.id === DRY_RUN_ID) return [];
    const projects = new Set<string>();
    const parents = [target.id];
    let read = 0;
    while (parents.length > 0 && read < MAX_ACCOUNTS_READ) {
      const parentId = parents.shift()!;
      const accounts = await allPages(
        paginateListAccountsForParent(
          { client: this.org },
          { ParentId: parentId },
        ),
        page => page.Accounts,
      );
      for (const account of accounts.slice(0, MAX_ACCOUNTS_READ - read)) {
        read += 1;
        const project = (await readOrganizationTags(this.org, account.Id!))[
          ACCOUNT_TAGS.project
        ];
        projects.add(project ? `accounts of ${project}` : 'untagged accounts');
      }
      const children = await allPages(
        paginateListOrganizationalUnitsForParent(
          { client: this.org },
          { ParentId: parentId },
        ),
        page => page.OrganizationalUnits,
      );
      parents.push(...children.map(ou => ou.Id!));
    }
    projects.delete(`accounts of ${this.project}`);
    return [
      ...[...projects].sort(),
      ...(read >= MAX_ACCOUNTS_READ
        ? [`and more (only ${MAX_ACCOUNTS_READ} accounts were read)`]
        : []),
    ];
  }
}
