import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  DataGrant,
  dataAccessSnippet,
  resourceLinkName,
} from '@mlgov/plugin-ml-environments-common';
import { ErrorText } from '../../shared/ErrorText';

const linkOf = (grant: DataGrant) =>
  grant.access?.link ?? resourceLinkName(grant.database);

/**
 * How a notebook names an active grant's data: the resource link in the
 * project account (in Athena `"sales_link"."<table>"`), and what the
 * account lacks of it when the backend found drift.
 */
export function GrantAccess(props: { grant: DataGrant }) {
  const { grant } = props;
  if (grant.state !== 'active') return null;
  const link = linkOf(grant);
  const { access } = grant;
  return (
    <>
      <Typography variant="caption" display="block">
        Query <code>"{link}"."&lt;table&gt;"</code>
      </Typography>
      {access && access.state !== 'in-sync' && (
        <ErrorText variant="caption" display="block" role="alert">
          {access.state === 'drift' ? 'Drift: ' : 'Not checked: '}
          {access.problems.join(' ')}
        </ErrorText>
      )}
    </>
  );
}

/**
 * A short notebook snippet reading the first active grant through its link
 * (awswrangler on Athena), for the Studio the project's roles run.
 */
export function NotebookSnippet(props: { grants: DataGrant[] }) {
  const active = props.grants.find(g => g.state === 'active');
  if (!active) return null;
  return (
    <Box mt={2}>
      <Typography variant="body2">
        In a Studio notebook, read {active.database} through its resource link{' '}
        <code>{linkOf(active)}</code>:
      </Typography>
      <Box component="pre" fontSize="0.8rem" aria-label="Notebook snippet">
        {dataAccessSnippet(active.database)}
      </Box>
    </Box>
  );
}
