import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MlEnvironmentsApi, mlEnvironmentsApiRef } from '../../../api';
import { responseError } from '../../__testUtils__/responseError';
import { OpenStudioButton } from './OpenStudioButton';

const URL = 'https://d-abc.studio.example/auth?token=t';

function renderWith(
  createStudioUrl: MlEnvironmentsApi['createStudioUrl'],
  createStudioProfile: MlEnvironmentsApi['createStudioProfile'] = jest.fn(),
) {
  const api = {
    getProject: jest.fn(),
    createStudioUrl: jest.fn(createStudioUrl),
    createStudioProfile: jest.fn(createStudioProfile),
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

const noProfile = () =>
  responseError(
    404,
    'NotFoundError',
    "You have no SageMaker Studio user profile 'jane' in churn-prediction's domain yet",
  );

describe('OpenStudioButton', () => {
  const tab = { opener: {} as unknown };
  let open: jest.SpyInstance;

  beforeEach(() => {
    tab.opener = {};
    open = jest.spyOn(window, 'open').mockReturnValue(tab as any);
  });
  afterEach(() => jest.restoreAllMocks());

  it("opens the user's presigned URL in a new tab once it exists, without its opener", async () => {
    const { api } = renderWith(async () => ({
      url: URL,
      expiresInSeconds: 300,
    }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Open SageMaker Studio' }),
    );
    await waitFor(() => expect(open).toHaveBeenCalledWith(URL, '_blank'));
    expect(open).toHaveBeenCalledTimes(1);
    expect(tab.opener).toBeNull();
    expect(api.createStudioUrl).toHaveBeenCalledWith('churn-prediction');
  });

  it('opens no tab when there is no URL, and offers to create the missing profile', async () => {
    const error = await noProfile();
    let calls = 0;
    const { api } = renderWith(
      async () => {
        calls += 1;
        if (calls === 1) throw error;
        return { url: URL, expiresInSeconds: 300 };
      },
      async () => ({ userProfileName: 'jane', created: true }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Open SageMaker Studio' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "You have no SageMaker Studio user profile 'jane'",
    );
    expect(open).not.toHaveBeenCalled();

    fireEvent.click(
      screen.getByRole('button', { name: 'Create my Studio profile' }),
    );
    await waitFor(() => expect(open).toHaveBeenCalledWith(URL, '_blank'));
    expect(api.createStudioProfile).toHaveBeenCalledWith('churn-prediction');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('gives a link when the browser blocks the new tab', async () => {
    open.mockReturnValue(null);
    renderWith(async () => ({ url: URL, expiresInSeconds: 300 }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Open SageMaker Studio' }),
    );
    expect(
      await screen.findByRole('link', { name: 'open SageMaker Studio' }),
    ).toHaveAttribute('href', URL);
  });

  it('explains when the user is not allowed, offering no profile', async () => {
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
    expect(
      screen.queryByRole('button', { name: 'Create my Studio profile' }),
    ).toBeNull();
  });
});
