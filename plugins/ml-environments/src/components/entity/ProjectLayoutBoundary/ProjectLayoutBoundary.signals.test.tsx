import { act, screen, waitFor } from '@testing-library/react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { JsonObject } from '@backstage/types';
import { ML_ENVIRONMENTS_SIGNAL_CHANNEL } from '@mlgov/plugin-ml-environments-common';
import { churnLayout } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { ProjectLayoutBoundary } from './ProjectLayoutBoundary';

/** A signals API whose messages the test sends. */
function testSignals() {
  const listeners = new Map<string, (message: JsonObject) => void>();
  return {
    api: {
      subscribe: (channel: string, onMessage: (m: JsonObject) => void) => {
        listeners.set(channel, onMessage);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    },
    send: (channel: string, message: JsonObject) =>
      listeners.get(channel)?.(message),
  };
}

describe('ProjectLayoutBoundary with signals', () => {
  it('reads the project again when the backend announces a new snapshot, keeping the view meanwhile', async () => {
    const signals = testSignals();
    const getProject = jest
      .fn()
      .mockResolvedValueOnce(churnLayout)
      .mockResolvedValue({ ...churnLayout, takenAt: '2026-12-03T09:00:00Z' });
    await renderWithApi(
      <ProjectLayoutBoundary>
        {layout => <p>taken {layout.takenAt}</p>}
      </ProjectLayoutBoundary>,
      { getProject },
      undefined,
      'allow',
      [[signalApiRef, signals.api]],
    );
    expect(
      await screen.findByText(`taken ${churnLayout.takenAt}`),
    ).toBeInTheDocument();

    act(() =>
      signals.send(ML_ENVIRONMENTS_SIGNAL_CHANNEL, {
        takenAt: '2026-12-03T09:00:00Z',
        loading: 0,
      }),
    );
    await waitFor(() => expect(getProject).toHaveBeenCalledTimes(2));
    expect(
      await screen.findByText('taken 2026-12-03T09:00:00Z'),
    ).toBeInTheDocument();
    // A first read publishes stage by stage under one takenAt: its
    // completion is read too.
    act(() =>
      signals.send(ML_ENVIRONMENTS_SIGNAL_CHANNEL, {
        takenAt: '2026-12-03T09:00:00Z',
        loading: 2,
      }),
    );
    await waitFor(() => expect(getProject).toHaveBeenCalledTimes(3));
    act(() =>
      signals.send(ML_ENVIRONMENTS_SIGNAL_CHANNEL, {
        takenAt: '2026-12-03T09:00:00Z',
        loading: 0,
      }),
    );
    await waitFor(() => expect(getProject).toHaveBeenCalledTimes(4));
    // Another channel's message reads nothing.
    act(() => signals.send('other:channel', { takenAt: 'x' }));
    expect(getProject).toHaveBeenCalledTimes(4);
  });
});
