import { fireEvent, screen, within } from '@testing-library/react';
import { organization } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
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
    // Headed by a few words on screen; the full title is each heading's
    // accessible name (and in the page's text), the id on hover.
    const headings = screen.getAllByRole('columnheader').slice(1);
    expect(headings.map(h => h.textContent)).toEqual([
      'VPC onlyTitle of require-vpc',
      'S3 versioningTitle of AWS-GR_S3_VERSIONING_ENABLED',
    ]);
    expect(
      screen.getByRole('columnheader', { name: 'Title of require-vpc' }),
    ).toBe(headings[0]);
    expect(within(headings[0]).getByText('VPC only')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
    expect(
      within(headings[0]).getByTitle('Title of require-vpc (require-vpc)'),
    ).toBeInTheDocument();
  });

  it('puts the columns with problems first, and keeps OU paths whole between slashes', async () => {
    const ous = flattenOus(organization.root).map(ou => ({
      ...ou,
      guardrails: ou.guardrails.map(g =>
        g.guardrailId === 'AWS-GR_S3_VERSIONING_ENABLED' &&
        ou.path === 'Workloads/Workloads_Dev'
          ? { ...g, state: 'non-compliant' as const }
          : g,
      ),
    }));
    await renderWithApi(<ComplianceMatrix ous={ous} onOpen={jest.fn()} />, {});
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['Workloads/Workloads_Dev', 'non-compliant', 'ok']);
    expect(
      screen
        .getAllByRole('columnheader')
        .slice(1)
        .map(h => within(h).getByText(/./, { selector: '[aria-hidden]' }))
        .map(e => e.textContent),
    ).toEqual(['S3 versioning', 'VPC only']);
    // A break after the slash only, never inside an OU's name.
    expect(
      within(rows[0]).getAllByRole('cell')[0].querySelector('wbr'),
    ).not.toBeNull();
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

  describe('in a window narrower than 1280 px', () => {
    const originalMatchMedia = window.matchMedia;
    beforeEach(() => {
      // Every breakpoint query below 1280 px matches, as at 1024 px.
      window.matchMedia = jest.fn((query: string) => ({
        matches: query.includes('max-width'),
        media: query,
        onchange: null,
        addListener: jest.fn(),
        removeListener: jest.fn(),
        addEventListener: jest.fn(),
        removeEventListener: jest.fn(),
        dispatchEvent: jest.fn(),
      })) as unknown as typeof window.matchMedia;
    });
    afterEach(() => {
      window.matchMedia = originalMatchMedia;
    });

    it('lists what needs attention per OU, worst first, instead of a column per guardrail', async () => {
      const ous = flattenOus(organization.root).map(ou => ({
        ...ou,
        guardrails: ou.guardrails.map(g =>
          g.guardrailId === 'AWS-GR_S3_VERSIONING_ENABLED' &&
          ou.path === 'Workloads/Workloads_PreProd'
            ? { ...g, state: 'non-compliant' as const }
            : g,
        ),
      }));
      const onOpen = jest.fn();
      await renderWithApi(<ComplianceMatrix ous={ous} onOpen={onOpen} />, {});
      expect(
        screen.getAllByRole('columnheader').map(h => h.textContent),
      ).toEqual(['OU', 'Needs attention', 'Holding']);
      const rows = (await screen.findAllByRole('row')).slice(1);
      expect(
        rows.map(r =>
          within(r)
            .getAllByRole('cell')
            .map(c => c.textContent),
        ),
      ).toEqual([
        ['Workloads/Workloads_Dev', '—', '2 of 2'],
        [
          'Workloads/Workloads_PreProd',
          'non-compliant · S3 versioningmissing · VPC only',
          '0 of 2',
        ],
      ]);
      // Each problem opens the OU's details at that guardrail; its name
      // starts with what it shows.
      fireEvent.click(
        within(rows[1]).getByRole('button', {
          name: 'non-compliant · S3 versioning: Title of AWS-GR_S3_VERSIONING_ENABLED in Workloads/Workloads_PreProd. Details',
        }),
      );
      expect(onOpen).toHaveBeenCalledWith({
        id: 'ou-preprod',
        label: 'Workloads/Workloads_PreProd',
        guardrailId: 'AWS-GR_S3_VERSIONING_ENABLED',
      });
    });
  });

  it('says when no OU matches', async () => {
    await renderWithApi(<ComplianceMatrix ous={[]} onOpen={jest.fn()} />, {});
    expect(
      await screen.findByText('No OU matches the filters.'),
    ).toBeInTheDocument();
  });
});
