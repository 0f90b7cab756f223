import { fireEvent, screen, within } from '@testing-library/react';
import { organization } from '../__testUtils__/fixtures';
import { renderWithApi } from '../__testUtils__/renderWithApi';
import { flattenOus } from '../MlEnvironmentsPage/organizationFilters';
import { ComplianceMatrix } from './ComplianceMatrix';

describe('ComplianceMatrix', () => {
  it('has a row per OU with guardrails and a column per guardrail', async () => {
    await renderWithApi(
      <ComplianceMatrix
        ous={flattenOus(organization.root)}
        onOpen={jest.fn()}
      />,
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

  it("opens an OU's details from a cell, by keyboard as by mouse", async () => {
    const onOpen = jest.fn();
    await renderWithApi(
      <ComplianceMatrix ous={flattenOus(organization.root)} onOpen={onOpen} />,
      {},
    );
    const cell = await screen.findByRole('button', {
      name: 'Workloads/Workloads_PreProd, Title of require-vpc: missing. Details',
    });
    cell.focus();
    expect(cell).toHaveFocus();
    fireEvent.click(cell);
    expect(onOpen).toHaveBeenCalledWith({
      id: 'ou-preprod',
      label: 'Workloads/Workloads_PreProd',
      guardrailId: 'require-vpc',
    });
  });

  it('says when no OU matches', async () => {
    await renderWithApi(<ComplianceMatrix ous={[]} onOpen={jest.fn()} />, {});
    expect(
      await screen.findByText('No OU matches the filters.'),
    ).toBeInTheDocument();
  });
});
