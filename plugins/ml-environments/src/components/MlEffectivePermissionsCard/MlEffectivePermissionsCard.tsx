import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import BlockIcon from '@material-ui/icons/Block';
import CheckIcon from '@material-ui/icons/CheckCircleOutline';
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
  const by = decision.decidedBy
    ? ` by ${decision.decidedBy.policy} on ${decision.decidedBy.level}`
    : '';
  return `${decision.label}: denied in ${where}${by}`;
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
                {decision.decision === 'allowed' ? (
                  <CheckIcon titleAccess="allowed" />
                ) : (
                  <BlockIcon titleAccess="denied" color="error" />
                )}
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
