import { fireEvent, screen, within } from '@testing-library/react';
import { ProjectSpendList } from '@mlgov/plugin-ml-environments-common';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { responseError } from '../../__testUtils__/responseError';
import { ProjectSpendTable } from './ProjectSpendTable';

const spend: ProjectSpendList = {
  currency: 'USD',
  readAt: '2026-12-07T10:00:00.000Z',
  projects: [
    {
      project: 'churn-prediction',
      owner: 'group:default/team-churn',
      monthToDate: 412.5,
      accounts: 380,
      sharedAccounts: 32.5,
    },
    {
      project: 'nlp-playground',
      owner: 'group:default/team-churn',
      monthToDate: 1290.1,
      accounts: 1290.1,
      sharedAccounts: 0,
    },
    {
      project: 'vision-lab',
      owner: 'group:default/team-vision',
      monthToDate: 75,
      accounts: 75,
      sharedAccounts: 0,
    },
  ],
};

/** The project names in the order the table shows them. */
const projectOrder = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);

describe('ProjectSpendTable', () => {
  it('lists the biggest spender first, and sorts by spend both ways', async () => {
    await renderWithApi(<ProjectSpendTable />, {
      listProjectCosts: jest.fn(async () => spend),
    });
    expect(await screen.findByText('$1,290.10')).toBeInTheDocument();
    expect(projectOrder()).toEqual([
      'nlp-playground',
      'churn-prediction',
      'vision-lab',
    ]);
    const row = screen.getByRole('link', { name: 'churn-prediction' });
    expect(row).toHaveAttribute(
      'href',
      '/catalog/default/system/churn-prediction/ml-environment',
    );
    const header = screen.getByRole('button', { name: /Spend this month/ });
    fireEvent.click(header);
    expect(projectOrder()).toEqual([
      'vision-lab',
      'churn-prediction',
      'nlp-playground',
    ]);
    fireEvent.click(screen.getByRole('button', { name: /Spend this month/ }));
    expect(projectOrder()).toEqual([
      'nlp-playground',
      'churn-prediction',
      'vision-lab',
    ]);
  });

  it("shows the shared accounts' share, and only the filtered project", async () => {
    await renderWithApi(<ProjectSpendTable project="churn-prediction" />, {
      listProjectCosts: jest.fn(async () => spend),
    });
    expect(await screen.findByText('$412.50')).toBeInTheDocument();
    expect(screen.getByText('$32.50')).toBeInTheDocument();
    expect(projectOrder()).toEqual(['churn-prediction']);
  });

  it('says why a user sees no project', async () => {
    await renderWithApi(<ProjectSpendTable />, {
      listProjectCosts: jest.fn(async () => ({ ...spend, projects: [] })),
    });
    expect(
      await screen.findByText(
        /only a project's owner group and administrators/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    await renderWithApi(<ProjectSpendTable />, {
      listProjectCosts: jest.fn(async () => {
        throw await responseError(
          503,
          'ServiceUnavailableError',
          'Cost Explorer throttled the request',
        );
      }),
    });
    expect(
      (await screen.findAllByText(/Cost Explorer throttled the request/))[0],
    ).toBeInTheDocument();
  });
});
