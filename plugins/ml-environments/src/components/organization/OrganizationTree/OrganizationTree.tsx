import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  OrganizationAccount,
  OrganizationNode,
} from '@mlgov/plugin-ml-environments-common';
import { GuardrailStateBadge } from '../../shared/GuardrailStateBadge';
import { ErrorText } from '../../shared/ErrorText';

function accountsBelow(ou: OrganizationNode): OrganizationAccount[] {
  return [...ou.accounts, ...ou.children.flatMap(accountsBelow)];
}

interface TreeProps {
  /** The OU the page is filtered to (its path), if any. */
  selected?: string;
  onSelect: (path?: string) => void;
  /** With other filters set, which accounts they let through. */
  matches?: (account: OrganizationAccount) => boolean;
}

function countLabel(ou: OrganizationNode, matches: TreeProps['matches']) {
  const all = accountsBelow(ou);
  const noun = all.length === 1 ? 'account' : 'accounts';
  if (!matches) return `${all.length} ${noun}`;
  return `${all.filter(matches).length} of ${all.length} ${noun} match`;
}

function OuItem({
  ou,
  depth,
  ...props
}: TreeProps & { ou: OrganizationNode; depth: number }) {
  const { selected, onSelect, matches } = props;
  const theme = useTheme();
  const isSelected = (selected ?? '') === ou.path && selected !== undefined;
  // The OU the page is filtered to stands out: a tinted row, marked at its
  // start in the primary colour (a bolder name alone did not show).
  const highlight = isSelected
    ? {
        backgroundColor: theme.palette.action.selected,
        boxShadow: `inset 4px 0 0 ${theme.palette.primary.main}`,
      }
    : {};
  return (
    <li>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 12, paddingLeft: 8 + depth * 20, ...highlight }}
        py={0.5}
        data-testid={`ou-row-${ou.path || 'Root'}`}
      >
        <Typography variant="body2" style={{ minWidth: 180 }}>
          {/* A button: choosing an OU filters the matrix and the table. */}
          <Link
            component="button"
            variant="body2"
            aria-pressed={isSelected}
            aria-current={isSelected ? 'true' : undefined}
            onClick={() =>
              onSelect(isSelected || !ou.path ? undefined : ou.path)
            }
            style={{ fontWeight: isSelected ? 700 : 600, textAlign: 'left' }}
          >
            {ou.name}
          </Link>
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          style={{ minWidth: 80, whiteSpace: 'nowrap' }}
        >
          {countLabel(ou, matches)}
        </Typography>
        <span style={{ whiteSpace: 'nowrap' }}>
          <GuardrailStateBadge state={ou.state} okLabel="ok" />
        </span>
        {ou.controlTower && !ou.controlTower.registered && (
          <ErrorText variant="caption">
            not registered with Control Tower
          </ErrorText>
        )}
        {ou.controlTower?.unenrolledAccounts && (
          <ErrorText variant="caption">
            accounts not enrolled in Control Tower
          </ErrorText>
        )}
      </Box>
      {ou.children.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {ou.children.map(child => (
            <OuItem key={child.id} ou={child} depth={depth + 1} {...props} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The OU tree with each OU's account count (below it, all levels; with
 * filters, how many of them match) and the worst guardrail state found in
 * it. Choosing an OU filters the page to it and what is below it; choosing
 * it again, or the root, shows everything.
 */
export function OrganizationTree({
  root,
  selected,
  onSelect,
  matches,
}: TreeProps & { root: OrganizationNode }) {
  return (
    <InfoCard title="Organizational units">
      <ul
        aria-label="Organizational units"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        <OuItem
          ou={root}
          depth={0}
          selected={selected}
          onSelect={onSelect}
          matches={matches}
        />
      </ul>
    </InfoCard>
  );
}
