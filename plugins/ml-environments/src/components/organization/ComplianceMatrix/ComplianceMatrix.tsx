import { Table, TableColumn } from '@backstage/core-components';
import ButtonBase from '@material-ui/core/ButtonBase';
import Tooltip from '@material-ui/core/Tooltip';
import { Theme, makeStyles } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { OrganizationNode } from '@mlgov/plugin-ml-environments-common';
import { GuardrailDetailsTarget } from '../../shared/GuardrailDetailsDrawer';
import { OuPath } from '../../shared/OuPath';
import {
  GuardrailStateBadge,
  guardrailStateLabel,
} from '../../shared/GuardrailStateBadge';
import { tableOptions } from '../../shared/tableOptions';
import { shortTitle } from './shortTitles';
import { ComplianceByOu } from './ComplianceByOu';
import { MatrixRow, matrixRows } from './matrixRows';

/** Seen by screen readers (and in the page's text), not on screen. */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

const useStyles = makeStyles(theme => ({
  matrix: {
    // Wider than its card (a narrow window, many guardrails), the matrix
    // scrolls inside it with the OU column kept in view.
    overflowX: 'auto',
    '& th:first-child, & td:first-child': {
      position: 'sticky',
      left: 0,
      zIndex: 1,
      backgroundColor: theme.palette.background.paper,
    },
    // Striped rows keep their stripe under the sticky cell.
    '& tbody tr:nth-of-type(odd) td:first-child': {
      backgroundColor: 'inherit',
    },
  },
}));

/**
 * A guardrail column's heading: a few words on screen, the full title as
 * its accessible name (and in the page's text), title and id on hover.
 */
function GuardrailHeading({ id, title }: { id: string; title: string }) {
  const short = shortTitle(id, title);
  if (short === title) {
    return (
      <Tooltip title={id}>
        <span>{title}</span>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={`${title} (${id})`}>
      {/* Relative: the hidden title stays inside the table's scroller. */}
      <span style={{ position: 'relative' }}>
        <span aria-hidden="true">{short}</span>
        <span style={VISUALLY_HIDDEN}>{title}</span>
      </span>
    </Tooltip>
  );
}

/**
 * OU × guardrail: the state of each guardrail the baseline expects on each
 * OU, with the reason on hover or focus; each cell opens the OU's details;
 * `—` where the baseline expects nothing. Columns are headed by a few words
 * (the full title is their accessible name and shows on hover), the ones
 * with problems first, so a problem is in view without scrolling; where the
 * guardrails still outnumber the width, the matrix scrolls inside its card
 * with the OU column kept in place. Below 1280 px (a 1024 px window), where
 * a column per guardrail cannot fit, each OU lists what needs attention
 * instead (ComplianceByOu).
 */
export function ComplianceMatrix({
  ous,
  onOpen,
}: {
  ous: OrganizationNode[];
  onOpen: (target: GuardrailDetailsTarget) => void;
}) {
  const classes = useStyles();
  const narrow = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'), {
    noSsr: true,
  });
  const { rows, guardrails: columnsInOrder } = matrixRows(ous);
  if (narrow) {
    return (
      <ComplianceByOu
        rows={rows}
        guardrailOrder={columnsInOrder.map(([id]) => id)}
        onOpen={onOpen}
      />
    );
  }
  const columns: TableColumn<MatrixRow>[] = [
    {
      title: 'OU',
      field: 'ou',
      highlight: true,
      headerStyle: { padding: '8px 12px 8px 16px' },
      cellStyle: { padding: '6px 12px 6px 16px' },
      render: row => <OuPath path={row.ou} />,
    },
    ...columnsInOrder.map(([id, { title }]) => ({
      title: <GuardrailHeading id={id} title={title} />,
      field: id,
      sorting: false,
      headerStyle: {
        whiteSpace: 'normal' as const,
        wordBreak: 'normal' as const,
        padding: '8px',
      },
      cellStyle: { whiteSpace: 'nowrap' as const, padding: '6px 8px' },
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
    <div className={classes.matrix}>
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
