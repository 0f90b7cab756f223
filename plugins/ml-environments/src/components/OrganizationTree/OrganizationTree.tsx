import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { OrganizationNode } from '@mlgov/plugin-ml-environments-common';
import { GuardrailStateBadge } from '../GuardrailStateBadge';

function countAccounts(ou: OrganizationNode): number {
  return (
    ou.accounts.length + ou.children.reduce((n, c) => n + countAccounts(c), 0)
  );
}

function OuItem({ ou, depth }: { ou: OrganizationNode; depth: number }) {
  const total = countAccounts(ou);
  return (
    <li>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 12, paddingLeft: depth * 20 }}
        py={0.5}
      >
        <Typography variant="body2" style={{ minWidth: 180 }}>
          <strong>{ou.name}</strong>
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          style={{ minWidth: 80, whiteSpace: 'nowrap' }}
        >
          {total === 1 ? '1 account' : `${total} accounts`}
        </Typography>
        <span style={{ whiteSpace: 'nowrap' }}>
          <GuardrailStateBadge state={ou.state} okLabel="ok" />
        </span>
        {ou.controlTower && !ou.controlTower.registered && (
          <Typography variant="caption" color="error">
            not registered with Control Tower
          </Typography>
        )}
        {ou.controlTower?.unenrolledAccounts && (
          <Typography variant="caption" color="error">
            accounts not enrolled in Control Tower
          </Typography>
        )}
      </Box>
      {ou.children.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {ou.children.map(child => (
            <OuItem key={child.id} ou={child} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The OU tree with each OU's account count (below it, all levels) and the
 * worst guardrail state found in it; accounts themselves are in the
 * paginated accounts table, so the tree stays short at any size.
 */
export function OrganizationTree({ root }: { root: OrganizationNode }) {
  return (
    <InfoCard title="Organizational units">
      <ul
        aria-label="Organizational units"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        <OuItem ou={root} depth={0} />
      </ul>
    </InfoCard>
  );
}
