import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import PassedIcon from '@material-ui/icons/CheckCircle';
import FailedIcon from '@material-ui/icons/Error';
import useAsync from 'react-use/esm/useAsync';
import {
  MlScorecardResult,
  backendError,
  mlScorecardApiRef,
} from '../../../api';
import { ErrorText } from '../../shared/ErrorText';

function CheckItem({ result }: { result: MlScorecardResult }) {
  const theme = useTheme();
  return (
    <ListItem alignItems="flex-start" disableGutters>
      <ListItemIcon style={{ minWidth: 36, marginTop: 4 }}>
        {result.passed ? (
          <PassedIcon
            titleAccess="Passed"
            style={{ color: theme.palette.success.dark }}
          />
        ) : (
          <FailedIcon
            titleAccess="Failed"
            style={{ color: theme.palette.error.dark }}
          />
        )}
      </ListItemIcon>
      {/* Long remediation text wraps instead of running off the card. */}
      <ListItemText
        style={{ minWidth: 0, whiteSpace: 'normal' }}
        primary={result.name}
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <>
            <Typography variant="body2" color="textSecondary">
              {result.description}
            </Typography>
            {result.remediation && (
              <Typography
                variant="body2"
                color="textPrimary"
                style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}
              >
                <strong>To fix: </strong>
                {result.remediation}
              </Typography>
            )}
          </>
        }
      />
    </ListItem>
  );
}

/**
 * The suite's Tech Insights checks on one ML project (or account): which
 * pass and, for those that fail, what to do. Says so when the app's
 * backend has no Tech Insights.
 *
 * @public
 */
export function MlScorecardCard(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(mlScorecardApiRef);
  const {
    value: results,
    loading,
    error,
  } = useAsync(() => api.runChecks(entityRef), [api, entityRef]);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = (
      <ErrorText variant="body2">
        Running the scorecard's checks failed:{' '}
        {backendError(error).message ?? error.message}
      </ErrorText>
    );
  } else if (!results) {
    content = (
      <Typography variant="body2">
        Tech Insights is not installed in this Backstage, so there is no
        scorecard. Your Backstage administrator adds the Tech Insights backend,
        its JSON-rules checker and the ML environments fact retrievers
        (@mlgov/plugin-tech-insights-backend-module-ml-environments) with their
        checks in app-config.
      </Typography>
    );
  } else if (results.length === 0) {
    content = (
      <Typography variant="body2">
        No scorecard yet: Tech Insights has no facts about this project. They
        are gathered on the schedule of techInsights.factRetrievers (every 15
        minutes by default).
      </Typography>
    );
  } else {
    const passed = results.filter(r => r.passed).length;
    content = (
      <>
        <Typography variant="body1">
          {passed} of {results.length} checks pass
        </Typography>
        <List dense aria-label="Scorecard checks">
          {[...results]
            // What needs doing first.
            .sort((a, b) => Number(a.passed) - Number(b.passed))
            .map(result => (
              <CheckItem key={result.checkId} result={result} />
            ))}
        </List>
      </>
    );
  }
  return (
    <InfoCard
      title="Governance scorecard"
      subheader="Tech Insights checks on the project's guardrails, exceptions, data access, budget, products and enrolment"
    >
      {content}
    </InfoCard>
  );
}
