import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ProjectLayout,
  readMlProjectAnnotations,
} from '@mlgov/plugin-ml-environments-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlEnvironmentsApiRef } from '../../../api';
import { StatusErrorState } from '../../shared/StatusErrorState';
import { useSnapshotSignal } from '../../shared/useSnapshotSignal';

/**
 * Loads the entity's project layout from the backend and renders `children`
 * with it; renders the loading, permission-denied, not-provisioned and error
 * states itself, so every view of a project explains them the same way.
 */
export function ProjectLayoutBoundary({
  children,
}: {
  children: (layout: ProjectLayout) => ReactNode;
}) {
  const { entity } = useEntity();
  const api = useApi(mlEnvironmentsApiRef);
  const annotations = readMlProjectAnnotations(entity);
  const project =
    annotations.kind === 'project' ? annotations.ref.project : undefined;
  // A newer snapshot, announced by the backend, is read without a reload.
  const announced = useSnapshotSignal();
  const { value, loading, error } = useAsync(
    async () => (project ? api.getProject(project) : undefined),
    [api, project, announced],
  );

  if (annotations.kind === 'invalid') {
    return (
      <WarningPanel
        title="ML environment annotations cannot be read"
        message={annotations.message}
      />
    );
  }
  if (!project) {
    return (
      <EmptyState
        missing="field"
        title="Not an ML project"
        description="This entity has no ml-environments.io/project annotation, so it has no AWS accounts to show."
      />
    );
  }
  // Re-reading the same project keeps what it shows until the answer comes.
  if (loading && value?.project !== project) return <Progress />;
  if (error) {
    return (
      <StatusErrorState
        error={error}
        subject="this project's AWS status"
        notFound={
          <EmptyState
            missing="data"
            title="No AWS accounts yet"
            description={`No AWS account is tagged for ${project} yet. Accounts appear here after provisioning and the next status refresh.`}
          />
        }
      />
    );
  }
  return <>{children(value!)}</>;
}
