import { DependencyGraphTypes } from '@backstage/core-components';
import {
  GuardrailState,
  ProjectLayout,
  getAccountPattern,
  isAccountPatternId,
} from '@mlgov/plugin-ml-environments-common';

export interface AccountNodeData {
  /** The account's stage, or the shared account's role. */
  heading: string;
  /** Where the account sits: the OU path, `Root` for none. */
  ou: string;
  detail: string;
  state?: GuardrailState;
  /** Set when the account's tags place it in another OU. */
  belongsIn?: string;
}

export type ProjectGraphNode =
  DependencyGraphTypes.DependencyNode<AccountNodeData>;
export type ProjectGraphEdge = DependencyGraphTypes.DependencyEdge;

const SHARED = {
  'team-shared-services': {
    id: 'shared:team-shared-services',
    heading: 'Team Shared Services',
    ou: 'Workloads',
    detail: 'Studio and pipeline products, model registry',
  },
  'data-lake': {
    id: 'shared:data-lake',
    heading: 'Data Lake',
    ou: 'Workloads',
    detail: 'Corporate data, read-only',
  },
};

/**
 * The guide's diagram of a project as a graph: the project's accounts, the
 * shared accounts its pattern uses, and the edges between them (Studio
 * products and data into dev, promotion dev → preprod → prod, deployment
 * from the automation account).
 */
export function projectGraph(layout: ProjectLayout): {
  nodes: ProjectGraphNode[];
  edges: ProjectGraphEdge[];
} {
  const nodes: ProjectGraphNode[] = layout.accounts.map(account => ({
    id: account.id,
    heading: account.stage ?? 'account',
    ou: account.ouPath || 'Root',
    detail: `${account.name} · ${account.id}`,
    state: account.state,
    belongsIn:
      account.expectedOuPath && account.expectedOuPath !== account.ouPath
        ? account.expectedOuPath
        : undefined,
  }));
  const byStage = new Map(layout.accounts.map(a => [a.stage, a.id]));
  const edges: ProjectGraphEdge[] = [];
  const link = (
    from: string | undefined,
    to: string | undefined,
    label: string,
  ) => {
    if (from && to) edges.push({ from, to, label });
  };

  const uses =
    layout.pattern && isAccountPatternId(layout.pattern)
      ? getAccountPattern(layout.pattern).uses
      : [];
  for (const role of uses) {
    const { id, ...data } = SHARED[role];
    nodes.push({ id, ...data });
    link(
      id,
      byStage.get('dev'),
      role === 'data-lake' ? 'read-only data' : 'Studio domain',
    );
  }
  link(byStage.get('dev'), byStage.get('preprod'), 'promote');
  link(byStage.get('preprod'), byStage.get('prod'), 'promote');
  link(byStage.get('automation'), byStage.get('preprod'), 'deploys');
  link(byStage.get('automation'), byStage.get('prod'), 'deploys');
  return { nodes, edges };
}
