import {
  GuardrailState,
  OrganizationAccount,
  OrganizationNode,
} from '@mlgov/plugin-ml-environments-common';

export interface OrganizationFilters {
  state?: GuardrailState;
  pattern?: string;
  project?: string;
  /** An OU chosen in the tree: it and everything below it. */
  ouPath?: string;
}

/** Whether `path` is the OU `under` or below it (`''`, the root, holds all). */
export function isWithin(path: string, under: string): boolean {
  return !under || path === under || path.startsWith(`${under}/`);
}

/** Whether any filter is set. */
export function isFiltered(filters: OrganizationFilters): boolean {
  return Object.values(filters).some(v => v !== undefined && v !== '');
}

/** Every OU below the root (the root included), depth first. */
export function flattenOus(root: OrganizationNode): OrganizationNode[] {
  return [root, ...root.children.flatMap(flattenOus)];
}

export function accountMatches(
  account: OrganizationAccount,
  filters: OrganizationFilters,
): boolean {
  return (
    (!filters.state || account.state === filters.state) &&
    (!filters.pattern || account.pattern === filters.pattern) &&
    (!filters.project || account.project === filters.project) &&
    (!filters.ouPath || isWithin(account.ouPath, filters.ouPath))
  );
}

/**
 * The OUs the compliance matrix shows: with a status filter, those with a
 * guardrail in that state; with a pattern or project filter, those holding
 * an account of it.
 */
export function ouMatches(
  ou: OrganizationNode,
  filters: OrganizationFilters,
): boolean {
  if (filters.ouPath && !isWithin(ou.path, filters.ouPath)) return false;
  if (filters.state && !ou.guardrails.some(g => g.state === filters.state)) {
    return false;
  }
  if (filters.pattern || filters.project) {
    return ou.accounts.some(a =>
      accountMatches(a, { pattern: filters.pattern, project: filters.project }),
    );
  }
  return true;
}

/** The values the pattern and project filters offer, sorted. */
export function filterChoices(accounts: OrganizationAccount[]) {
  const distinct = (values: Array<string | undefined>) =>
    [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  return {
    patterns: distinct(accounts.map(a => a.pattern)),
    projects: distinct(accounts.map(a => a.project)),
  };
}

/** "3 minutes ago", for the snapshot's age. */
export function ageOf(takenAt: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(takenAt)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}
