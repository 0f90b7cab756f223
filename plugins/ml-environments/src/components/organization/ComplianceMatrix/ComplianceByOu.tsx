import { Table, TableColumn } from '@backstage/core-components';
import ButtonBase from '@material-ui/core/ButtonBase';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { GuardrailStatus } from '@mlgov/plugin-ml-environments-common';
import { GuardrailDetailsTarget } from '../../shared/GuardrailDetailsDrawer';
import {
  GuardrailStateBadge,
  guardrailStateLabel,
} from '../../shared/GuardrailStateBadge';
import { OuPath } from '../../shared/OuPath';
import { tableOptions } from '../../shared/tableOptions';
import { MatrixRow, severity } from './matrixRows';
import { shortTitle } from './shortTitles';

/** What holds: an exception lifts a guardrail on purpose, until its date. */
const HOLDS = new Set(['ok', 'excepted']);

/**
 * The compliance matrix for a card too narrow for a column per guardrail
 * (a 1024 px window): a row per OU with the guardrails that need attention,
 * worst first, each opening the OU's details, and how many hold. Nothing
 * scrolls sideways; every guardrail of an OU is in its details.
 */
export function ComplianceByOu({
  rows,
  guardrailOrder,
  onOpen,
}: {
  rows: MatrixRow[];
  /** The guardrails, worst first (the matrix's column order). */
  guardrailOrder: string[];
  onOpen: (target: GuardrailDetailsTarget) => void;
}) {
  // Worst first; equally bad ones in the matrix's column order.
  const attentionOf = (row: MatrixRow): GuardrailStatus[] =>
    guardrailOrder
      .map(id => row.byGuardrail.get(id))
      .filter((g): g is GuardrailStatus => Boolean(g) && !HOLDS.has(g!.state))
      .sort((a, b) => severity(a.state) - severity(b.state));
  const columns: TableColumn<MatrixRow>[] = [
    {
      title: 'OU',
      field: 'ou',
      highlight: true,
      cellStyle: { width: '30%' },
      render: row => <OuPath path={row.ou} />,
    },
    {
      title: 'Needs attention',
      sorting: false,
      render: row => {
        const attention = attentionOf(row);
        if (attention.length === 0) return '—';
        return (
          <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
            {attention.map(status => (
              <li key={status.guardrailId} style={{ margin: '2px 0' }}>
                <Tooltip title={status.reason}>
                  <ButtonBase
                    focusRipple
                    // Backstage's badge is hidden from assistive technology:
                    // the name says what it shows first, then the context.
                    aria-label={`${guardrailStateLabel(
                      status.state,
                    )} · ${shortTitle(status.guardrailId, status.title)}: ${
                      status.title
                    } in ${row.ou}. Details`}
                    style={{ justifyContent: 'flex-start', textAlign: 'left' }}
                    onClick={() =>
                      onOpen({
                        id: row.id,
                        label: row.ou,
                        guardrailId: status.guardrailId,
                      })
                    }
                  >
                    <span style={{ whiteSpace: 'nowrap' }}>
                      <GuardrailStateBadge state={status.state} />
                    </span>
                    <span style={{ whiteSpace: 'pre' }}>
                      {` · ${shortTitle(status.guardrailId, status.title)}`}
                    </span>
                  </ButtonBase>
                </Tooltip>
              </li>
            ))}
          </ul>
        );
      },
    },
    {
      title: 'Holding',
      sorting: false,
      // As narrow as its words: the problems get the room.
      cellStyle: { whiteSpace: 'nowrap', width: '1%' },
      render: row => {
        const all = [...row.byGuardrail.values()];
        const excepted = all.filter(g => g.state === 'excepted').length;
        const held = all.filter(g => HOLDS.has(g.state)).length;
        return (
          <Typography variant="body2" component="span">
            {held} of {all.length}
            {excepted > 0 && ` (${excepted} by exception)`}
          </Typography>
        );
      },
    },
  ];
  return (
    <Table<MatrixRow>
      title="Compliance by OU"
      subtitle="What needs attention in each OU; a wider window shows every guardrail as a column"
      columns={columns}
      data={rows}
      options={{
        ...tableOptions(rows.length),
        search: false,
        padding: 'dense',
      }}
      emptyContent={<p>No OU matches the filters.</p>}
    />
  );
}
