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
  /**
   * False when it would reach other teams' accounts and the task's user may
   * not change the organization: left for an administrator.
   */
  made: boolean;
}

type Target = { id: string; label: string; root: boolean };

/**
 * Decides and reports the changes a run makes to OUs and the root, which
 * reach every account below them, not only the project's. A change that
 * reaches nobody else's accounts is the project's to make; one that does is
 * made only for a user who may change the organization, and otherwise left
 * for an administrator. Each is logged and reported with whom it reaches, so
 * that nothing outside the project changes silently.
 */
export class SharedChanges {
  private readonly changes: SharedChange[] = [];
  private readonly reached = new Map<string, Promise<string[]>>();
  private mayChange?: Promise<boolean>;

  constructor(
    private readonly org: OrganizationsClient,
    private readonly project: string,
    /**
     * The project's own accounts, as this run made or found them: the only
     * ones a change may reach without counting as outside the project (a
     * tag can be set by others, so it never decides that).
     */
    private readonly ownAccountIds: ReadonlySet<string>,
    private readonly mayChangeOrganization: () => Promise<boolean>,
    /**
     * The emails of the project's planned accounts: an account made this
     * run may be in an OU before its id is known here, and AWS keeps emails
     * unique (pre-flight has refused any other account using one).
     */
    private readonly ownEmails: ReadonlySet<string> = new Set(),
  ) {}

  /** Whether the run may make `change` on `target`; noted either way. */
  async allow(
    target: Target,
    change: string,
    step: ProvisioningStep,
  ): Promise<boolean> {
    if (!this.reached.has(target.id)) {
      this.reached.set(target.id, this.projectsUnder(target));
    }
    const alsoAppliesTo = await this.reached.get(target.id)!;
    this.mayChange ??= this.mayChangeOrganization();
    const made = alsoAppliesTo.length === 0 || (await this.mayChange);
    this.changes.push({ target: target.label, change, alsoAppliesTo, made });
    const reach = alsoAppliesTo.length
      ? alsoAppliesTo.join(', ')
      : "no other project's accounts";
    if (made) {
      step.logger.info(
        `Shared change: ${step.isDryRun ? 'would ' : ''}${change} on ${
          target.label
        }, which also applies to ${reach}`,
      );
    } else {
      step.logger.warn(
        `Left for an administrator: ${change} on ${target.label} would also apply to ${reach}, and you may not change what other teams' accounts share (ml-environments.organization.change); until an administrator does, the project's accounts there show the guardrail missing`,
      );
    }
    return made;
  }

  report(): SharedChange[] {
    return [...this.changes];
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
        if (
          this.ownAccountIds.has(account.Id!) ||
          this.ownEmails.has(account.Email?.toLowerCase() ?? '')
        ) {
          continue;
        }
        const project = (await readOrganizationTags(this.org, account.Id!))[
          ACCOUNT_TAGS.project
        ];
        if (!project) projects.add('untagged accounts');
        else if (project === this.project) {
          projects.add(`accounts tagged ${project} that are not its own`);
        } else projects.add(`accounts of ${project}`);
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
    return [
      ...[...projects].sort(),
      ...(read >= MAX_ACCOUNTS_READ
        ? [`and more (only ${MAX_ACCOUNTS_READ} accounts were read)`]
        : []),
    ];
  }
}
