import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { backendError, mlEnvironmentsApiRef } from '../../api';

type State =
  | { kind: 'idle' }
  | { kind: 'opening' }
  | { kind: 'problem'; message: string };

function explain(error: unknown): string {
  const { name, message } = backendError(error);
  switch (name) {
    case 'NotAllowedError':
      return `You cannot open this project's Studio: ${
        message ?? 'not allowed'
      }.`;
    case 'NotFoundError':
      return message ?? 'There is no Studio for you in this project yet.';
    default:
      return `Studio could not be opened: ${(error as Error).message}`;
  }
}

/**
 * Opens SageMaker Studio for the signed-in user: fetches a short-lived
 * presigned URL for their own profile and opens it in a new tab. The URL is
 * used at once and kept nowhere.
 *
 * @public
 */
export function OpenStudioButton(props: { project: string }) {
  const api = useApi(mlEnvironmentsApiRef);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const open = async () => {
    setState({ kind: 'opening' });
    // Opened before the request, so the browser treats it as the user's click.
    const tab = window.open('about:blank', '_blank');
    try {
      const { url } = await api.createStudioUrl(props.project);
      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else {
        window.location.assign(url);
      }
      setState({ kind: 'idle' });
    } catch (error) {
      tab?.close();
      setState({ kind: 'problem', message: explain(error) });
    }
  };

  return (
    <>
      <Button
        variant="contained"
        color="primary"
        onClick={open}
        disabled={state.kind === 'opening'}
      >
        {state.kind === 'opening'
          ? 'Opening SageMaker Studio…'
          : 'Open SageMaker Studio'}
      </Button>
      {state.kind === 'problem' && (
        <Typography variant="body2" color="error" role="alert">
          {state.message}
        </Typography>
      )}
    </>
  );
}
