import {
  GuardrailState,
  OrganizationView,
  worstState,
} from '@mlgov/plugin-ml-environments-common';
import { flattenOus } from '../MlEnvironmentsPage/organizationFilters';

/** One of the user's teams' projects, as the home page lists it. */
export interface MyProject {
  project: string;
  owner: string;
  pattern?: string;
  accounts: number;
  state: GuardrailState;
}

/**
 * The projects the suite's record gives to one of `userGroups` (only
 * recorded accounts carry an owner; a tag alone makes nobody an owner),
 * with the worst guardrail state of their accounts, by name.
 */
export function myProjects(
  view: OrganizationView,
  userGroups: string[],
): MyProject[] {
  const groups = new Set(userGroups.map(g => g.toLowerCase()));
  const byProject = new Map<string, MyProject & { states: GuardrailState[] }>();
  for (const ou of flattenOus(view.root)) {
    for (const account of ou.accounts) {
      if (!account.managed || !account.project || !account.owner) continue;
      if (!groups.has(account.owner.toLowerCase())) continue;
      const entry = byProject.get(account.project) ?? {
        project: account.project,
        owner: account.owner,
        pattern: account.pattern,
        accounts: 0,
        state: 'ok' as GuardrailState,
        states: [],
      };
      entry.accounts += 1;
      entry.states.push(account.state);
      byProject.set(account.project, entry);
    }
  }
  return [...byProject.values()]
    .map(({ states, ...project }) => ({
      ...project,
      state: worstState(states),
    }))
    .sort((a, b) => a.project.localeCompare(b.project));
}
