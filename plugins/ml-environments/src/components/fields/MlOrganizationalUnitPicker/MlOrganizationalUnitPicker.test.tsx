import { fireEvent, screen, within } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import {
  MlOrganizationalUnitPicker,
  mlOrganizationalUnitPickerValidation,
} from './MlOrganizationalUnitPicker';

function props(overrides: Record<string, unknown> = {}) {
  return {
    onChange: jest.fn(),
    schema: { title: 'Parent OU', description: 'Where the OU goes' },
    uiSchema: {},
    rawErrors: [],
    required: true,
    formData: undefined,
    ...overrides,
  } as any;
}

async function options() {
  fireEvent.mouseDown(
    await screen.findByRole('button', { name: /^Parent OU/ }),
  );
  return within(await screen.findByRole('listbox'))
    .getAllByRole('option')
    .map(o => o.textContent);
}

describe('MlOrganizationalUnitPicker', () => {
  it("offers the organization's OU paths and reports the choice", async () => {
    const field = props();
    await renderWithApi(<MlOrganizationalUnitPicker {...field} />, {});
    await screen.findByText('Where the OU goes');
    expect(await options()).toEqual([
      'Workloads',
      'Workloads/Workloads_Dev',
      'Workloads/Workloads_PreProd',
    ]);
    fireEvent.click(
      screen.getByRole('option', { name: 'Workloads/Workloads_Dev' }),
    );
    expect(field.onChange).toHaveBeenCalledWith('Workloads/Workloads_Dev');
  });

  it('offers only the OUs below ui:options.under', async () => {
    await renderWithApi(
      <MlOrganizationalUnitPicker
        {...props({ uiSchema: { 'ui:options': { under: 'Workloads' } } })}
      />,
      {},
    );
    await screen.findByText('Where the OU goes');
    expect(await options()).toEqual([
      'Workloads/Workloads_Dev',
      'Workloads/Workloads_PreProd',
    ]);
  });

  it('is named by its label and the path it shows', async () => {
    await renderWithApi(
      <MlOrganizationalUnitPicker
        {...props({ formData: 'Workloads/Workloads_Dev' })}
      />,
      {},
    );
    // What the field shows is part of its name (WCAG 2.5.3 Label in Name).
    expect(
      await screen.findByRole('button', {
        name: 'Parent OU Workloads/Workloads_Dev',
      }),
    ).not.toHaveAttribute('aria-label');
  });

  it('shows why the organization cannot be loaded', async () => {
    await renderWithApi(<MlOrganizationalUnitPicker {...props()} />, {
      getOrganization: async () => {
        throw new Error('Backend unreachable');
      },
    });
    expect(
      await screen.findByText('Error: Backend unreachable'),
    ).toBeInTheDocument();
  });
});

describe('mlOrganizationalUnitPickerValidation', () => {
  it('rejects a malformed path with the reason', () => {
    const addError = jest.fn();
    mlOrganizationalUnitPickerValidation(
      'Workloads//Dev',
      { addError } as any,
      {} as any,
    );
    expect(addError).toHaveBeenCalledWith(
      expect.stringContaining("OU path 'Workloads//Dev' has an empty name"),
    );
    addError.mockClear();
    mlOrganizationalUnitPickerValidation(
      'Workloads/Workloads_Dev',
      { addError } as any,
      {} as any,
    );
    expect(addError).not.toHaveBeenCalled();
  });
});
