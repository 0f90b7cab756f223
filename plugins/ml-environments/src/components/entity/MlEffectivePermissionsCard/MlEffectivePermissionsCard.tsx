import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import BlockIcon from '@material-ui/icons/Block';
import CheckIcon from '@material-ui/icons/CheckCircleOutline';
import HelpIcon from '@material-ui/icons/HelpOutline';
import {
  ProjectLayout,
  ProjectLayoutAccount,
} from '@mlgov/plugin-ml-environments-common';

type Decision = ProjectLayoutAccount['effectivePermissions'][number];

/** "SageMaker endpoints: denied in dev by <policy> on <OU>" */
export function describeDecision(
  account: ProjectLayoutAccount,
  decision: Decision,
): string {
  const where = account.stage ?? account.name;
  if (decision.decision === 'allowed') {
    return `${decision.label}: allowed in ${where}`;
  }
  if (decision.decision === 'unknown') {
    return `${decision.label}: depends on the request in ${where}`;
  }
  const by = decision.decidedBy
    ? ` by ${decision.decidedBy.policy} on ${decision.decidedBy.level}`
    : '';
  return `${decision.label}: denied in ${where}${by}`;
}

function DecisionIcon({ decision }: { decision: Decision['decision'] }) {
  if (decision === 'allowed') return <CheckIcon titleAccess="allowed" />;
  if (decision === 'unknown') {
    return <HelpIcon titleAccess="depends on the request" />;
  }
  return <BlockIcon titleAccess="denied" color="error" />;
}

/**
 * Plain answers to what the SCPs let each account do for the ML-critical
 * actions (endpoints, training without VPC, unencrypted storage…).
 */
export function MlEffectivePermissionsCard({
  layout,
}: {
  layout: ProjectLayout;
}) {
  const answers = layout.accounts.flatMap(account =>
    account.effectivePermissions.map(decision => ({ account, decision })),
  );
  return (
    <InfoCard
      title="Effective permissions"
      subheader="What the service control policies allow in each account"
    >
      {answers.length === 0 ? (
        <Typography variant="body2">
          No permission checks were evaluated for these accounts.
        </Typography>
      ) : (
        <List dense>
          {answers.map(({ account, decision }) => (
            <ListItem key={`${account.id}/${decision.check}`}>
              <ListItemIcon>
                <DecisionIcon decision={decision.decision} />
              </ListItemIcon>
              <ListItemText
                primary={describeDecision(account, decision)}
                secondary={`${decision.action} — ${decision.explanation}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
