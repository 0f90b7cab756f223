import {
  EmptyState,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { ReactNode } from 'react';
import { backendError } from '../../../api';

/**
 * What to show when the status backend answered with an error: the missing
 * permission, the first snapshot not taken yet, or the error itself. Views
 * pass what a 404 means to them.
 */
export function StatusErrorState({
  error,
  subject,
  notFound,
  action,
}: {
  error: Error;
  /** What the user may not see, e.g. "this project's AWS status". */
  subject: string;
  notFound?: ReactNode;
  /** Offered while there is no snapshot yet, e.g. a refresh button. */
  action?: JSX.Element;
}) {
  switch (backendError(error).name) {
    case 'NotAllowedError':
      return (
        <WarningPanel
          title={`You may not see ${subject}`}
          message="Ask your Backstage administrators for the ml-environments.status.read permission (and ml-environments.project.read for a project's details)."
        />
      );
    case 'ServiceUnavailableError':
      return (
        <EmptyState
          missing="data"
          title="No status yet"
          description="The backend has not read the AWS organization yet; its first refresh is still running. Try again in a minute."
          action={action}
        />
      );
    case 'NotFoundError':
      if (notFound) return <>{notFound}</>;
      return <ResponseErrorPanel error={error} />;
    default:
      return <ResponseErrorPanel error={error} />;
  }
}
