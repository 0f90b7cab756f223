import { Table, TableColumn } from '@backstage/core-components';
import ButtonBase from '@material-ui/core/ButtonBase';
import Tooltip from '@material-ui/core/Tooltip';
import {
  GuardrailStatus,
  OrganizationNode,
} from '@mlgov/plugin-ml-environments-common';
import { GuardrailDetailsTarget } from '../GuardrailDetailsDrawer';
import {
  GuardrailStateBadge,
  guardrailStateLabel,
} from '../GuardrailStateBadge';
import { tableOptions } from '../tableOptions';

interface MatrixRow {
  id: string;
  ou: string;
  byGuardrail: Map<string, GuardrailStatus>;
}

/**
 * OU × guardrail: the state of each guardrail the baseline expects on each
 * OU, with the reason on hover or focus; each cell opens the OU's details;
 * `—` where the baseline expects nothing. Scrolls sideways inside its card
 * when the guardrails outnumber the width.
 */
export function ComplianceMatrix({
  ous,
  onOpen,
}: {
  ous: OrganizationNode[];
  onOpen: (target: GuardrailDetailsTarget) => void;
}) {
  const guardrails = new Map<string, string>();
  for (const ou of ous) {
    for (const g of ou.guardrails) guardrails.set(g.guardrailId, g.title);
  }
  const rows: MatrixRow[] = ous
    .filter(ou => ou.guardrails.length > 0)
    .map(ou => ({
      id: ou.id,
      ou: ou.path || 'Root',
      byGuardrail: new Map(ou.guardrails.map(g => [g.guardrailId, g])),
    }));
  const columns: TableColumn<MatrixRow>[] = [
    {
      title: 'OU',
      field: 'ou',
      highlight: true,
      cellStyle: { whiteSpace: 'nowrap' },
    },
    ...[...guardrails.entries()].map(([id, title]) => ({
      // Titles, as the entity page's table reads; the id is one hover away.
      title: (
        <Tooltip title={id}>
          <span>{title}</span>
        </Tooltip>
      ),
      field: id,
      sorting: false,
      headerStyle: { whiteSpace: 'normal' as const, minWidth: 110 },
      cellStyle: { whiteSpace: 'nowrap' as const },
      render: (row: MatrixRow) => {
        const status = row.byGuardrail.get(id);
        if (!status) return '—';
        return (
          <Tooltip title={status.reason}>
            <ButtonBase
              focusRipple
              aria-label={`${row.ou}, ${status.title}: ${guardrailStateLabel(
                status.state,
                'ok',
              )}. Details`}
              onClick={() =>
                onOpen({ id: row.id, label: row.ou, guardrailId: id })
              }
            >
              <GuardrailStateBadge state={status.state} okLabel="ok" />
            </ButtonBase>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table<MatrixRow>
        title="Compliance by OU"
        columns={columns}
        data={rows}
        options={{
          ...tableOptions(rows.length),
          search: false,
          padding: 'dense',
        }}
        emptyContent={<p>No OU matches the filters.</p>}
      />
    </div>
  );
}
