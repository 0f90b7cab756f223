import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ProjectLayout,
  ProjectLayoutAccount,
} from '@mlgov/plugin-ml-environments-common';
import { GuardrailStateBadge } from '../../shared/GuardrailStateBadge';
import { OpenStudioButton } from '../OpenStudioButton';
import { ProjectLayoutBoundary } from '../ProjectLayoutBoundary';
import { ErrorText } from '../../shared/ErrorText';

const STAGE_ORDER = ['sandbox', 'dev', 'preprod', 'prod', 'automation'];

function AccountLine({ account }: { account: ProjectLayoutAccount }) {
  const misplaced =
    account.expectedOuPath && account.expectedOuPath !== account.ouPath;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }} py={0.5}>
      <Typography variant="body2" style={{ minWidth: 90 }}>
        <strong>{account.stage ?? 'account'}</strong>
      </Typography>
      <Typography variant="body2" style={{ minWidth: 220 }}>
        {account.name} ({account.id})
      </Typography>
      <GuardrailStateBadge state={account.state} />
      {misplaced && (
        <ErrorText variant="caption">
          belongs in {account.expectedOuPath}
        </ErrorText>
      )}
      <ControlTowerNote account={account} />
    </Box>
  );
}

/** Where Control Tower does not govern the account yet, and the remedy. */
function ControlTowerNote({ account }: { account: ProjectLayoutAccount }) {
  if (account.controlTower?.ouRegistered === false) {
    return (
      <ErrorText variant="caption">
        OU not registered with Control Tower: its controls cannot apply until it
        is (re-run the template, or aws:controltower:registerOrganizationalUnit)
      </ErrorText>
    );
  }
  if (account.controlTower?.enrolmentPending) {
    return (
      <ErrorText variant="caption">
        not enrolled in Control Tower: reset the OU's baseline or re-run the
        template
      </ErrorText>
    );
  }
  return null;
}

function Layout({ layout }: { layout: ProjectLayout }) {
  const byOu = new Map<string, ProjectLayoutAccount[]>();
  const sorted = [...layout.accounts].sort(
    (a, b) =>
      STAGE_ORDER.indexOf(a.stage ?? '') - STAGE_ORDER.indexOf(b.stage ?? ''),
  );
  for (const account of sorted) {
    const ou = account.ouPath || 'Root';
    byOu.set(ou, [...(byOu.get(ou) ?? []), account]);
  }
  const stages = sorted.map(a => a.stage).filter(Boolean);
  const promotion = ['dev', 'preprod', 'prod'].every(s => stages.includes(s));
  return (
    <>
      {[...byOu.entries()].map(([ou, accounts]) => (
        <Box
          key={ou}
          mb={2}
          p={1}
          border={1}
          borderColor="divider"
          borderRadius={4}
        >
          <Typography variant="subtitle2" component="h3">
            OU {ou}
          </Typography>
          {accounts.map(account => (
            <AccountLine key={account.id} account={account} />
          ))}
        </Box>
      ))}
      {promotion && (
        <Typography variant="body2">
          Promotion path: dev → preprod → prod, deployed by the pipeline in the
          automation account
        </Typography>
      )}
      {layout.accounts.some(a => a.stage === 'dev') && (
        <Box my={2}>
          <OpenStudioButton project={layout.project} />
        </Box>
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        Status as of {new Date(layout.takenAt).toLocaleString()}
        {layout.landingZone &&
          ` · Control Tower landing zone ${layout.landingZone.version}${
            layout.landingZone.drifted
              ? ' (drifted: repair it in Control Tower)'
              : ''
          }`}
      </Typography>
    </>
  );
}

/**
 * The project's AWS accounts grouped by OU, each with its guardrail status,
 * from the ml-environments backend.
 *
 * @public
 */
export function MlProjectLayoutCard() {
  return (
    <InfoCard title="AWS account layout">
      <ProjectLayoutBoundary>
        {layout => <Layout layout={layout} />}
      </ProjectLayoutBoundary>
    </InfoCard>
  );
}
