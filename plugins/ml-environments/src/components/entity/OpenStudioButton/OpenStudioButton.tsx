import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { backendError, mlEnvironmentsApiRef } from '../../../api';
import { ErrorText } from '../../shared/ErrorText';

type State =
  | { kind: 'idle' }
  | { kind: 'working'; doing: string }
  | { kind: 'problem'; message: string; noProfile: boolean }
  /** The browser blocked the new tab: the user follows the link instead. */
  | { kind: 'blocked'; url: string };

function explain(error: unknown): { message: string; noProfile: boolean } {
  const { name, message } = backendError(error);
  switch (name) {
    case 'NotAllowedError':
      return {
        message: `You cannot open this project's Studio: ${
          message ?? 'not allowed'
        }.`,
        noProfile: false,
      };
    case 'NotFoundError':
      return {
        message: message ?? 'There is no Studio for you in this project yet.',
        noProfile: /user profile/.test(message ?? ''),
      };
    default:
      return {
        message: `Studio could not be opened: ${(error as Error).message}`,
        noProfile: false,
      };
  }
}

/**
 * Opens SageMaker Studio for the signed-in user: fetches a short-lived
 * presigned URL for their own profile and opens it in a new tab, only once
 * the URL exists. A member of the owner group without a profile is offered
 * to create it. The URL is used at once and kept nowhere.
 *
 * @public
 */
export function OpenStudioButton(props: { project: string }) {
  const api = useApi(mlEnvironmentsApiRef);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const open = async () => {
    setState({ kind: 'working', doing: 'Opening SageMaker Studio…' });
    try {
      const { url } = await api.createStudioUrl(props.project);
      const tab = window.open(url, '_blank');
      if (tab) {
        tab.opener = null;
        setState({ kind: 'idle' });
      } else {
        setState({ kind: 'blocked', url });
      }
    } catch (error) {
      setState({ kind: 'problem', ...explain(error) });
    }
  };

  const createProfile = async () => {
    setState({ kind: 'working', doing: 'Creating your Studio profile…' });
    try {
      await api.createStudioProfile(props.project);
      await open();
    } catch (error) {
      setState({ kind: 'problem', ...explain(error) });
    }
  };

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      <Box display="flex" style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={open}
          disabled={state.kind === 'working'}
        >
          {state.kind === 'working' ? state.doing : 'Open SageMaker Studio'}
        </Button>
        {state.kind === 'problem' && state.noProfile && (
          <Button variant="outlined" color="primary" onClick={createProfile}>
            Create my Studio profile
          </Button>
        )}
      </Box>
      {state.kind === 'problem' && (
        <ErrorText variant="body2" role="alert">
          {state.message}
        </ErrorText>
      )}
      {state.kind === 'blocked' && (
        <Typography variant="body2" role="status">
          Your browser kept Studio from opening in a new tab:{' '}
          <Link href={state.url} target="_blank" rel="noopener noreferrer">
            open SageMaker Studio
          </Link>{' '}
          (the link works for 5 minutes).
        </Typography>
      )}
    </Box>
  );
}
