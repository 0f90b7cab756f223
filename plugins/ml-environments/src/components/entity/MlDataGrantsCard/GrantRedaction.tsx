import Typography from '@material-ui/core/Typography';
import { DataGrant } from '@mlgov/plugin-ml-environments-common';

/**
 * What a grant of a sensitive dataset keeps out, and why; and, while it
 * waits, how many of the data owners' approvals it has. Nothing for a
 * dataset not classified sensitive.
 */
export function GrantRedaction(props: { grant: DataGrant }) {
  const { grant } = props;
  if (!grant.sensitive) return null;
  const approvals = grant.approvals ?? [];
  const needed = grant.approvalsNeeded ?? 1;
  const withheld = [
    ...(grant.withheldColumns ?? []).flatMap(w =>
      w.columns.map(c => `${w.table}.${c}`),
    ),
    ...(grant.withheldTables ?? []).map(t => `${t} (whole table)`),
  ];
  return (
    <>
      {grant.state === 'pending' && needed > 1 && (
        <Typography variant="caption" display="block">
          Sensitive dataset: {approvals.length} of {needed} data-owner approvals
          {approvals.length > 0 && ` (${approvals.map(a => a.by).join(', ')})`};
          another data owner decides.
        </Typography>
      )}
      {withheld.length > 0 && (
        <Typography variant="caption" display="block" role="note">
          Withheld: {withheld.join(', ')}. {grant.withheldReason}
        </Typography>
      )}
    </>
  );
}
