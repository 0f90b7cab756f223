import { screen } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { responseError } from '../../__testUtils__/responseError';
import { StatusErrorState } from './StatusErrorState';

describe('StatusErrorState', () => {
  it('names the permission and what cannot be seen', async () => {
    const error = await responseError(403, 'NotAllowedError', 'Not allowed');
    await renderWithApi(
      <StatusErrorState error={error} subject="the organization" />,
      {},
    );
    expect(
      await screen.findByText(/You may not see the organization/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/ml-environments\.status\.read permission/),
    ).toBeInTheDocument();
  });

  it('offers the action while there is no snapshot', async () => {
    const error = await responseError(503, 'ServiceUnavailableError', 'No');
    await renderWithApi(
      <StatusErrorState
        error={error}
        subject="x"
        action={<button type="button">Refresh now</button>}
      />,
      {},
    );
    expect(await screen.findByText('No status yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Refresh now' }),
    ).toBeInTheDocument();
  });

  it("shows the view's own not-found state, else the error", async () => {
    const error = await responseError(404, 'NotFoundError', 'No account');
    await renderWithApi(
      <StatusErrorState error={error} subject="x" notFound={<p>Nothing</p>} />,
      {},
    );
    expect(await screen.findByText('Nothing')).toBeInTheDocument();
  });
});
