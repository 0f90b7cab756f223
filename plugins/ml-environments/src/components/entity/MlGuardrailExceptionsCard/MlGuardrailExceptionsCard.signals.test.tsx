import { act, screen, waitFor } from '@testing-library/react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { JsonObject } from '@backstage/types';
import { ML_ENVIRONMENTS_REQUESTS_SIGNAL_CHANNEL } from '@mlgov/plugin-ml-environments-common';
import {
  churnLayout,
  pendingException as pending,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlGuardrailExceptionsCard } from './MlGuardrailExceptionsCard';

describe('MlGuardrailExceptionsCard with signals', () => {
  it("shows an approver's decision made elsewhere without a reload", async () => {
    const listeners = new Map<string, (message: JsonObject) => void>();
    const signals = {
      subscribe: (channel: string, onMessage: (m: JsonObject) => void) => {
        listeners.set(channel, onMessage);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    };
    const listExceptions = jest
      .fn()
      .mockResolvedValueOnce([pending])
      .mockResolvedValue([{ ...pending, state: 'active' }]);
    await renderWithApi(
      <MlGuardrailExceptionsCard layout={churnLayout} />,
      { listExceptions },
      undefined,
      'allow',
      [[signalApiRef, signals]],
    );
    expect(await screen.findByText('pending')).toBeInTheDocument();
    act(() =>
      listeners.get(ML_ENVIRONMENTS_REQUESTS_SIGNAL_CHANNEL)?.({
        at: '2026-12-07T10:00:00Z',
      }),
    );
    await waitFor(() => expect(listExceptions).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('active')).toBeInTheDocument();
  });
});
