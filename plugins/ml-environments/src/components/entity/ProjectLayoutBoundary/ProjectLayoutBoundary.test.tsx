import { screen } from '@testing-library/react';
import { responseError } from '../../__testUtils__/responseError';
import { churnLayout, projectEntity } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { ProjectLayoutBoundary } from './ProjectLayoutBoundary';

const boundary = (
  <ProjectLayoutBoundary>
    {layout => <p>{`${layout.accounts.length} accounts`}</p>}
  </ProjectLayoutBoundary>
);

function failingWith(error: Error) {
  return {
    getProject: async () => {
      throw error;
    },
  };
}

describe('ProjectLayoutBoundary', () => {
  it("renders its children with the project's layout", async () => {
    const api = await renderWithApi(boundary, {
      getProject: jest.fn(async () => churnLayout),
    });
    expect(await screen.findByText('4 accounts')).toBeInTheDocument();
    expect(api.getProject).toHaveBeenCalledWith('churn-prediction');
  });

  it('says when no account is tagged for the project yet', async () => {
    await renderWithApi(
      boundary,
      failingWith(await responseError(404, 'NotFoundError', 'No account')),
    );
    expect(await screen.findByText('No AWS accounts yet')).toBeInTheDocument();
  });

  it('explains a missing permission', async () => {
    await renderWithApi(
      boundary,
      failingWith(await responseError(403, 'NotAllowedError', 'Not allowed')),
    );
    expect(
      await screen.findByText(/ml-environments\.status\.read permission/),
    ).toBeInTheDocument();
  });

  it('explains that the first snapshot is still being taken', async () => {
    await renderWithApi(
      boundary,
      failingWith(
        await responseError(503, 'ServiceUnavailableError', 'No snapshot'),
      ),
    );
    expect(await screen.findByText('No status yet')).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    await renderWithApi(
      boundary,
      failingWith(new Error('Backend unreachable')),
    );
    expect(
      await screen.findByText('Error: Backend unreachable'),
    ).toBeInTheDocument();
  });

  it('names the annotation problem without calling the backend', async () => {
    const api = await renderWithApi(
      boundary,
      {},
      {
        ...projectEntity,
        metadata: {
          name: 'x',
          annotations: { 'ml-environments.io/project': 'Not A Name!' },
        },
      },
    );
    expect(
      await screen.findByText(/ML environment annotations cannot be read/),
    ).toBeInTheDocument();
    expect(api.getProject).not.toHaveBeenCalled();
  });

  it('explains an entity that is not an ML project', async () => {
    const api = await renderWithApi(
      boundary,
      {},
      {
        ...projectEntity,
        metadata: { name: 'x' },
      },
    );
    expect(await screen.findByText('Not an ML project')).toBeInTheDocument();
    expect(api.getProject).not.toHaveBeenCalled();
  });
});
