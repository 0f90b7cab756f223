import { InfoCard, Link, WarningPanel } from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';
import { MlEffectivePermissionsCard } from '../MlEffectivePermissionsCard';
import { MlDataGrantsCard } from '../MlDataGrantsCard';
import { MlGuardrailAssessmentCard } from '../MlGuardrailAssessmentCard';
import { MlGuardrailExceptionsCard } from '../MlGuardrailExceptionsCard';
import { MlGuardrailsTable } from '../MlGuardrailsTable';
import { MlProjectDiagram } from '../MlProjectDiagram';
import { MlProjectCostCard } from '../MlProjectCostCard';
import { MlScorecardCard } from '../MlScorecardCard';
import { OpenStudioButton } from '../OpenStudioButton';
import { ProjectLayoutBoundary } from '../ProjectLayoutBoundary';
import { ProjectProductsList } from '../ProjectProductsList';
import { StaleSnapshotNote } from '../../shared/StaleSnapshotNote';

const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';

/** The entity's TechDocs at the TechDocs plugin's default route. */
function techDocsPath(entity: Entity): string | undefined {
  if (!entity.metadata.annotations?.[TECHDOCS_ANNOTATION]) return undefined;
  const namespace = entity.metadata.namespace ?? 'default';
  return `/docs/${namespace}/${entity.kind.toLocaleLowerCase('en-US')}/${
    entity.metadata.name
  }`;
}

/** Who owns the project, as the suite records it (not the catalog). */
function ProjectRecordNote({ layout }: { layout: ProjectLayout }) {
  if (!layout.record) {
    return (
      <Box mb={2}>
        <WarningPanel
          severity="info"
          title="Not in the suite's record"
          message={`These accounts carry the ml-project tag ${layout.project}, but the suite did not provision or adopt the project, so nobody can change it or open its Studio until an administrator adopts it with its owner group.`}
        />
      </Box>
    );
  }
  const { retirement } = layout.record;
  if (retirement) {
    const closing = retirement.accounts.filter(a => a.closure === 'closing');
    return (
      <Box mb={2}>
        <WarningPanel
          severity="info"
          defaultExpanded
          title={
            retirement.state === 'retired'
              ? `Retired on ${retirement.retiredAt?.slice(0, 10)}`
              : 'Being retired'
          }
          message={`${
            retirement.requestedBy
          } retired this project on ${retirement.requestedAt.slice(0, 10)}: ${
            retirement.reason
          }. Its Studio access is gone and its accounts wait in the Suspended OU, where nothing runs${
            closing.length > 0
              ? `; ${closing.length} of them are being closed (AWS Support can reopen them for 90 days)`
              : ''
          }. Owned by ${
            layout.record.owner
          }; the record and its history are kept.`}
        />
      </Box>
    );
  }
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      Owned by {layout.record.owner} ({layout.record.origin} by the suite); its
      members provision it and open its SageMaker Studio.
    </Typography>
  );
}

function ProjectOverview({ layout }: { layout: ProjectLayout }) {
  const { entity } = useEntity();
  const docs = techDocsPath(entity);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="AWS account layout"
          subheader={`Pattern ${
            layout.pattern ?? 'unknown'
          } · status as of ${new Date(layout.takenAt).toLocaleString()}`}
        >
          <StaleSnapshotNote stale={layout.stale} loading={layout.loading} />
          <ProjectRecordNote layout={layout} />
          <MlProjectDiagram layout={layout} />
          <Box display="flex" alignItems="center" mt={2} style={{ gap: 24 }}>
            {!layout.record?.retirement &&
              layout.accounts.some(a => a.stage === 'dev') && (
                <OpenStudioButton project={layout.project} />
              )}
            {docs ? (
              <Link to={docs}>Onboarding guide (TechDocs)</Link>
            ) : (
              <Typography variant="body2" color="textSecondary">
                No onboarding guide is linked to this project yet (projects
                created from the suite's templates get one; add the{' '}
                {TECHDOCS_ANNOTATION} annotation to link yours).
              </Typography>
            )}
          </Box>
          <ProjectProductsList layout={layout} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <MlGuardrailsTable layout={layout} />
      </Grid>
      <Grid item xs={12}>
        <MlScorecardCard entityRef={stringifyEntityRef(entity)} />
      </Grid>
      {layout.record && (
        <Grid item xs={12}>
          <MlProjectCostCard layout={layout} />
        </Grid>
      )}
      {layout.record && (
        <Grid item xs={12}>
          <MlGuardrailExceptionsCard layout={layout} />
        </Grid>
      )}
      {layout.record && (
        <Grid item xs={12}>
          <MlDataGrantsCard layout={layout} />
        </Grid>
      )}
      <Grid item xs={12}>
        <MlEffectivePermissionsCard layout={layout} />
      </Grid>
      {layout.record && (
        <Grid item xs={12}>
          <MlGuardrailAssessmentCard layout={layout} />
        </Grid>
      )}
    </Grid>
  );
}

/**
 * The "ML environment" entity tab: the project's account diagram, its
 * guardrails and their exceptions, effective permissions, Studio access and
 * onboarding guide.
 *
 * @public
 */
export function MlEnvironmentContent() {
  return (
    <ProjectLayoutBoundary>
      {layout => <ProjectOverview layout={layout} />}
    </ProjectLayoutBoundary>
  );
}
