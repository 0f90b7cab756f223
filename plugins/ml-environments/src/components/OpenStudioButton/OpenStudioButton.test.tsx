import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MlEnvironmentsApi, mlEnvironmentsApiRef } from '../../api';
import { responseError } from '../__testUtils__/responseError';
import { OpenStudioButton } from './OpenStudioButton';

function renderWith(createStudioUrl: MlEnvironmentsApi['createStudioUrl']) {
  const api = {
    getProject: jest.fn(),
    createStudioUrl: jest.fn(createStudioUrl),
  };
  return {
    api,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[mlEnvironmentsApiRef, api]]}>
        <OpenStudioButton project="churn-prediction" />
      </TestApiProvider>,
    ),
  };
}

describe('OpenStudioButton', () => {
  const tab = { opener: {}, location: { href: '' }, close: jest.fn() };

  beforeEach(() => {
    tab.location.href = '';
    jest.spyOn(window, 'open').mockReturnValue(tab as any);
  });
  afterEach(() => jest.restoreAllMocks());

  it("opens the user's presigned URL in a new tab", async () => {
    const { api } = renderWith(async () => ({
      url: 'https://d-abc.studio.example/auth?token=t',
      expiresInSeconds: 300,
    }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Open SageMaker Studio' }),
    );
    await waitFor(() =>
      expect(tab.location.href).toBe(
        'https://d-abc.studio.example/auth?token=t',
      ),
    );
    expect(tab.opener).toBeNull();
    expect(api.createStudioUrl).toHaveBeenCalledWith('churn-prediction');
  });

  it('explains when the user has no profile', async () => {
    const error = await responseError(
      404,
      'NotFoundError',
      "You have no SageMaker Studio user profile 'jane'",
    );
    renderWith(async () => {
      throw error;
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Open SageMaker Studio' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "You have no SageMaker Studio user profile 'jane'",
    );
    expect(tab.close).toHaveBeenCalled();
  });

  it('explains when the user is not allowed', async () => {
    const error = await responseError(
      403,
      'NotAllowedError',
      'Only members of group:default/team-churn',
    );
    renderWith(async () => {
      throw error;
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Open SageMaker Studio' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "You cannot open this project's Studio: Only members of group:default/team-churn.",
    );
  });
});
