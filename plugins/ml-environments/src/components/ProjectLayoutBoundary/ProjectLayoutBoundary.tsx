import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ProjectLayout,
  readMlProjectAnnotations,
} from '@mlgov/plugin-ml-environments-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { backendError, mlEnvironmentsApiRef } from '../../api';

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
  const { value, loading, error } = useAsync(
    async () => (project ? api.getProject(project) : undefined),
    [api, project],
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
  if (loading) return <Progress />;
  const errorName = backendError(error).name;
  if (errorName === 'NotAllowedError') {
    return (
      <WarningPanel
        title="You may not see this project's AWS status"
        message="Ask your Backstage administrators for the ml-environments.status.read permission."
      />
    );
  }
  if (errorName === 'NotFoundError') {
    return (
      <EmptyState
        missing="data"
        title="No AWS accounts yet"
        description={`No AWS account is tagged for ${project} yet. Accounts appear here after provisioning and the next status refresh.`}
      />
    );
  }
  if (errorName === 'ServiceUnavailableError') {
    return (
      <EmptyState
        missing="data"
        title="No status yet"
        description="The backend has not read the AWS organization yet; its first refresh is still running. Try again in a minute."
      />
    );
  }
  if (error) return <ResponseErrorPanel error={error} />;
  return <>{children(value!)}</>;
}
