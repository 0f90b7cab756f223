import { screen, within } from '@testing-library/react';
import { organization } from '../__testUtils__/fixtures';
import { renderWithApi } from '../__testUtils__/renderWithApi';
import { flattenOus } from '../MlEnvironmentsPage/organizationFilters';
import { ComplianceMatrix } from './ComplianceMatrix';

describe('ComplianceMatrix', () => {
  it('has a row per OU with guardrails and a column per guardrail', async () => {
    await renderWithApi(
      <ComplianceMatrix ous={flattenOus(organization.root)} />,
      {},
    );
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      ['Workloads/Workloads_Dev', 'ok', 'ok'],
      ['Workloads/Workloads_PreProd', 'missing', 'ok'],
    ]);
    // Headed by titles, as the entity page's table reads; ids on hover.
    expect(
      screen
        .getAllByRole('columnheader')
        .map(h => h.textContent)
        .slice(1),
    ).toEqual([
      'Title of require-vpc',
      'Title of AWS-GR_S3_VERSIONING_ENABLED',
    ]);
  });

  it('says when no OU matches', async () => {
    await renderWithApi(<ComplianceMatrix ous={[]} />, {});
    expect(
      await screen.findByText('No OU matches the filters.'),
    ).toBeInTheDocument();
  });
});
