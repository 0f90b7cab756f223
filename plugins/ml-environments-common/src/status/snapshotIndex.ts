import { ACCOUNT_TAGS } from '../accountTags';
import { isAccountPatternId, getAccountPattern } from '../patterns';
import { OrganizationSnapshot, SnapshotAccount } from './snapshot';
import { SUSPENDED_OU_PATH } from '../offboarding/retirement';

/** Helpers over a snapshot: paths, chains and what is attached where. @public */
export class SnapshotIndex {
  private readonly ouById;
  private readonly ouByPath;
  private readonly accountById;

  constructor(readonly snapshot: OrganizationSnapshot) {
    this.ouById = new Map(snapshot.ous.map(ou => [ou.id, ou]));
    this.ouByPath = new Map(snapshot.ous.map(ou => [ou.path, ou]));
    this.accountById = new Map(snapshot.accounts.map(a => [a.id, a]));
  }

  ouAt(path: string) {
    return this.ouByPath.get(path);
  }

  ou(id: string) {
    return this.ouById.get(id);
  }

  account(id: string) {
    return this.accountById.get(id);
  }

  labelOf(id: string): string {
    if (id === this.snapshot.rootId) return 'Root';
    const ou = this.ouById.get(id);
    if (ou) return ou.path;
    const account = this.accountById.get(id);
    return account ? `${account.name} (${account.id})` : id;
  }

  /** Ids from the root down to the target, the target included. */
  chainOf(targetId: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = targetId;
    while (current) {
      chain.unshift(current);
      if (current === this.snapshot.rootId) break;
      current =
        this.ouById.get(current)?.parentId ??
        this.accountById.get(current)?.parentId;
    }
    return chain;
  }

  /** The OU path an account's tags say it belongs in, if it is a project account. */
  expectedOuPath(account: SnapshotAccount): string | undefined {
    // A retired project's account belongs in the Suspended OU, whatever its
    // pattern said; the tag can only make the expectation stricter.
    if (account.tags[ACCOUNT_TAGS.closingDate]) return SUSPENDED_OU_PATH;
    const pattern = account.tags[ACCOUNT_TAGS.pattern];
    const stage = account.tags[ACCOUNT_TAGS.stage];
    if (!isAccountPatternId(pattern)) return undefined;
    return getAccountPattern(pattern).accounts.find(a => a.stage === stage)
      ?.ouPath;
  }
}
