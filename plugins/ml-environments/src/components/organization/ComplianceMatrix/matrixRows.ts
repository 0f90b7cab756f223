import {
  GuardrailState,
  GuardrailStatus,
  OrganizationNode,
} from '@mlgov/plugin-ml-environments-common';

/** An OU of the matrix with its guardrails by id. */
export interface MatrixRow {
  id: string;
  ou: string;
  byGuardrail: Map<string, GuardrailStatus>;
}

/** Worst first: the columns with problems come before those that hold. */
const SEVERITY: GuardrailState[] = [
  'non-compliant',
  'missing',
  'drifted',
  'unknown',
  'excepted',
  'ok',
];
export const severity = (state: GuardrailState) => {
  const i = SEVERITY.indexOf(state);
  return i === -1 ? SEVERITY.length : i;
};

/**
 * The OUs with guardrails, and every guardrail (id and title) with the
 * worst first; equally bad ones keep the baseline's order.
 */
export function matrixRows(ous: OrganizationNode[]): {
  rows: MatrixRow[];
  guardrails: Array<[string, { title: string }]>;
} {
  const guardrails = new Map<string, { title: string; worst: number }>();
  for (const ou of ous) {
    for (const g of ou.guardrails) {
      const worst = Math.min(
        guardrails.get(g.guardrailId)?.worst ?? SEVERITY.length,
        severity(g.state),
      );
      guardrails.set(g.guardrailId, { title: g.title, worst });
    }
  }
  // A stable sort: equally bad columns keep the baseline's order.
  const inOrder = [...guardrails.entries()].sort(
    ([, a], [, b]) => a.worst - b.worst,
  );
  const rows: MatrixRow[] = ous
    .filter(ou => ou.guardrails.length > 0)
    .map(ou => ({
      id: ou.id,
      ou: ou.path || 'Root',
      byGuardrail: new Map(ou.guardrails.map(g => [g.guardrailId, g])),
    }));
  return { rows, guardrails: inOrder };
}
