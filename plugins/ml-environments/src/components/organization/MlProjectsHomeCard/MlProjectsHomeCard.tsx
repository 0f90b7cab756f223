import {
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import useAsync from 'react-use/esm/useAsync';
import { mlEnvironmentsApiRef } from '../../../api';
import { GuardrailStateBadge } from '../../shared/GuardrailStateBadge';
import { myProjects } from './myProjects';

/** Where the card's links go; the defaults are a standard app's routes. */
export interface MlProjectsHomeCardProps {
  /** The software templates page. Defaults to `/create`. */
  createPath?: string;
  /** The organization page of this plugin. Defaults to `/ml-environments`. */
  organizationPath?: string;
  /** The suite's documentation. Defaults to its TechDocs in the catalog. */
  docsPath?: string;
}

/**
 * A home-page card: what the suite is for, where to start, and the signed-in
 * user's teams' ML projects with their guardrail status.
 */
export function MlProjectsHomeCard(props: MlProjectsHomeCardProps) {
  const {
    createPath = '/create',
    organizationPath = '/ml-environments',
    docsPath = '/docs/default/component/ml-environments-suite',
  } = props;
  const api = useApi(mlEnvironmentsApiRef);
  const identityApi = useApi(identityApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [view, identity] = await Promise.all([
      api.getOrganization(),
      identityApi.getBackstageIdentity(),
    ]);
    return myProjects(view, identity.ownershipEntityRefs);
  }, [api, identityApi]);

  return (
    <Box>
      <Typography variant="body1" paragraph>
        Ask for a governed ML project and get its AWS accounts, guardrails,
        SageMaker Studio and pipeline in minutes; see on each project's page
        whether its guardrails hold.
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} mb={2}>
        <LinkButton variant="contained" color="primary" to={createPath}>
          Create an ML project
        </LinkButton>
        <LinkButton variant="outlined" to={organizationPath}>
          Organization compliance
        </LinkButton>
        <LinkButton variant="outlined" to={docsPath}>
          How it works
        </LinkButton>
      </Box>
      <Typography variant="h6" component="h3">
        My ML projects
      </Typography>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.length === 0 && (
        <Typography variant="body2">
          None of your teams owns an ML project yet: create one above.
        </Typography>
      )}
      {value && value.length > 0 && (
        <List dense aria-label="My ML projects">
          {value.map(p => (
            <ListItem key={p.project} disableGutters>
              <ListItemText
                primary={
                  <Link
                    underline="always"
                    to={`/catalog/default/system/${encodeURIComponent(
                      p.project,
                    )}/ml-environment`}
                  >
                    {p.project}
                  </Link>
                }
                secondary={`${p.pattern ?? 'unknown pattern'}, ${
                  p.accounts
                } account${p.accounts === 1 ? '' : 's'}, ${p.owner.replace(
                  /^group:default\//,
                  '',
                )}`}
              />
              <GuardrailStateBadge state={p.state} />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
