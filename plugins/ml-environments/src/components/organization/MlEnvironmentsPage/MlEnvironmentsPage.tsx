import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  GuardrailState,
  OrganizationAccount,
  OrganizationView,
  mlEnvironmentsRefreshPermission,
} from '@mlgov/plugin-ml-environments-common';
import { useMemo, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useSnapshotSignal } from '../../shared/useSnapshotSignal';
import { backendError, mlEnvironmentsApiRef } from '../../../api';
import { ComplianceMatrix } from '../ComplianceMatrix';
import {
  GuardrailDetailsDrawer,
  GuardrailDetailsTarget,
  placementOf,
} from '../../shared/GuardrailDetailsDrawer';
import { StatusErrorState } from '../../shared/StatusErrorState';
import { OrganizationAccountsTable } from '../OrganizationAccountsTable';
import { OrganizationTree } from '../OrganizationTree';
import { ProjectSpendTable } from '../ProjectSpendTable';
import { StaleSnapshotNote } from '../../shared/StaleSnapshotNote';
import { namedByLabelAndValue } from '../../shared/selectNaming';
import {
  OrganizationFilters,
  accountMatches,
  ageOf,
  filterChoices,
  flattenOus,
  isFiltered,
  ouMatches,
} from './organizationFilters';
import { ErrorText } from '../../shared/ErrorText';
import { useAccountScorecards } from './useAccountScorecards';

const STATES: GuardrailState[] = [
  'ok',
  'excepted',
  'missing',
  'drifted',
  'non-compliant',
  'unknown',
];

function FilterSelect({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value?: string;
  choices: string[];
  onChange: (value?: string) => void;
}) {
  const id = `ml-filter-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value ?? ''}
      onChange={e => onChange(e.target.value || undefined)}
      variant="outlined"
      size="small"
      style={{ minWidth: 180 }}
      SelectProps={namedByLabelAndValue(id)}
    >
      <MenuItem value="">Any</MenuItem>
      {choices.map(choice => (
        <MenuItem key={choice} value={choice}>
          {choice}
        </MenuItem>
      ))}
    </TextField>
  );
}

function RefreshButton({ onRefreshed }: { onRefreshed: () => void }) {
  const api = useApi(mlEnvironmentsApiRef);
  const { allowed, loading } = usePermission({
    permission: mlEnvironmentsRefreshPermission,
  });
  const [state, refresh] = useAsyncFn(async () => {
    await api.refresh();
    onRefreshed();
  }, [api, onRefreshed]);
  if (loading || !allowed) return null;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }}>
      {state.error && (
        <ErrorText variant="body2">
          Refresh failed:{' '}
          {backendError(state.error).message ?? state.error.message}
        </ErrorText>
      )}
      <Button
        variant="outlined"
        color="primary"
        disabled={state.loading}
        onClick={() => refresh()}
      >
        {state.loading ? 'Refreshing…' : 'Refresh now'}
      </Button>
    </Box>
  );
}

/** Control Tower's landing zone: its version, or why controls cannot hold. */
function LandingZoneNote({
  landingZone,
}: {
  landingZone: OrganizationView['landingZone'];
}) {
  if (!landingZone) {
    return (
      <ErrorText variant="body2" paragraph>
        No Control Tower landing zone in this Region: the suite cannot register
        OUs or enable controls until one is set up (see the suite's architecture
        docs)
      </ErrorText>
    );
  }
  // ErrorText: MUI's error red is under WCAG AA's contrast for text.
  const Text = landingZone.drifted ? ErrorText : Typography;
  return (
    <Text variant="body2" paragraph>
      Control Tower landing zone {landingZone.version}
      {landingZone.drifted &&
        ' has drifted: repair it in the Control Tower console before provisioning'}
    </Text>
  );
}

function OrganizationOverview({
  view,
  onRefreshed,
}: {
  view: OrganizationView;
  onRefreshed: () => void;
}) {
  const [filters, setFilters] = useState<OrganizationFilters>({});
  const [details, setDetails] = useState<GuardrailDetailsTarget>();
  // Walked once per snapshot, not on every filter change (1,000+ accounts).
  const { allOus, everyAccount, choices } = useMemo(() => {
    const flat = flattenOus(view.root);
    const list = flat.flatMap(ou => ou.accounts);
    return { allOus: flat, everyAccount: list, choices: filterChoices(list) };
  }, [view]);
  const scorecards = useAccountScorecards(everyAccount);
  const ous = allOus.filter(ou => ouMatches(ou, filters));
  const accounts = everyAccount.filter(a => accountMatches(a, filters));
  // The tree shows every OU; it counts what the other filters let through.
  const { ouPath, ...otherFilters } = filters;
  const treeMatches = isFiltered(otherFilters)
    ? (a: OrganizationAccount) => accountMatches(a, otherFilters)
    : undefined;
  return (
    <>
      <ContentHeader
        title={`Organization ${view.organizationId}`}
        description="Guardrail status of every OU and account"
      >
        <Typography variant="body2" style={{ marginRight: 16 }}>
          Snapshot taken {ageOf(view.takenAt)} (
          {new Date(view.takenAt).toLocaleString()})
        </Typography>
        <RefreshButton onRefreshed={onRefreshed} />
      </ContentHeader>
      <StaleSnapshotNote stale={view.stale} loading={view.loading} />
      <LandingZoneNote landingZone={view.landingZone} />
      {/* On a card, not the page's grey: the fields' labels need the contrast. */}
      <Paper
        variant="outlined"
        component="section"
        aria-label="Filters"
        style={{ display: 'flex', gap: 16, padding: 16, marginBottom: 24 }}
      >
        <FilterSelect
          label="Status"
          value={filters.state}
          choices={STATES}
          onChange={state =>
            setFilters({ ...filters, state: state as GuardrailState })
          }
        />
        <FilterSelect
          label="Pattern"
          value={filters.pattern}
          choices={choices.patterns}
          onChange={pattern => setFilters({ ...filters, pattern })}
        />
        <FilterSelect
          label="Project"
          value={filters.project}
          choices={choices.projects}
          onChange={project => setFilters({ ...filters, project })}
        />
      </Paper>
      {/* Each card gets the page's width: the tree's labels and the
          matrix's guardrail columns need it at 1024 px as at 1440 px. */}
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <OrganizationTree
            root={view.root}
            selected={ouPath}
            onSelect={path => setFilters({ ...filters, ouPath: path })}
            matches={treeMatches}
          />
        </Grid>
        <Grid item xs={12}>
          <ComplianceMatrix ous={ous} onOpen={setDetails} />
        </Grid>
        <Grid item xs={12}>
          <ProjectSpendTable project={filters.project} />
        </Grid>
        <Grid item xs={12}>
          <OrganizationAccountsTable
            accounts={accounts}
            total={everyAccount.length}
            scorecards={scorecards}
            onOpen={account =>
              setDetails({
                id: account.id,
                label: account.name,
                placement: placementOf(account),
              })
            }
          />
        </Grid>
      </Grid>
      <GuardrailDetailsDrawer
        target={details}
        onClose={() => setDetails(undefined)}
      />
    </>
  );
}

/**
 * The `/ml-environments` page: the organization's OU tree, a compliance
 * matrix of OU × guardrail and every account, filterable by status, pattern
 * and project.
 *
 * @public
 */
export function MlEnvironmentsPage() {
  const api = useApi(mlEnvironmentsApiRef);
  // A newer snapshot, announced by the backend, is read without a reload
  // (also the first one, when the page opened before it existed).
  const announced = useSnapshotSignal();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getOrganization(),
    [api, announced],
  );
  const content = () => {
    if (loading && !value) return <Progress />;
    if (error) {
      return (
        <StatusErrorState
          error={error}
          subject="the organization's guardrail status"
          action={<RefreshButton onRefreshed={retry} />}
        />
      );
    }
    return <OrganizationOverview view={value!} onRefreshed={retry} />;
  };
  return (
    <Page themeId="tool">
      <Header
        title="ML environments"
        subtitle="AWS accounts, OUs and guardrails of the governed ML environments"
      />
      <Content>{content()}</Content>
    </Page>
  );
}
