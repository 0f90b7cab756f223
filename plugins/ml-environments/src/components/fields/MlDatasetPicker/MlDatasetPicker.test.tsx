import { fireEvent, screen, within } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlDatasetPicker, mlDatasetPickerValidation } from './MlDatasetPicker';

const datasets = [
  { name: 'customers', description: 'Customer accounts and churn labels' },
  { name: 'sales', description: 'Orders, order lines and returns' },
  { name: 'web_events' },
];

/** The select, named by its label and the value it shows. */
const select = () => screen.findByRole('button', { name: /^Database/ });

function props(overrides: Record<string, unknown> = {}) {
  return {
    onChange: jest.fn(),
    schema: { title: 'Database', description: 'A database to read' },
    uiSchema: {},
    rawErrors: [],
    required: true,
    formData: undefined,
    ...overrides,
  } as any;
}

describe('MlDatasetPicker', () => {
  it("offers the data lake's databases with their descriptions and reports the chosen name", async () => {
    const field = props();
    await renderWithApi(<MlDatasetPicker {...field} />, {
      listDatasets: jest.fn(async () => datasets),
    });
    await screen.findByText('A database to read');
    fireEvent.mouseDown(await select());
    const options = within(await screen.findByRole('listbox')).getAllByRole(
      'option',
    );
    expect(options.map(o => o.textContent)).toEqual([
      'customersCustomer accounts and churn labels',
      'salesOrders, order lines and returns',
      'web_events',
    ]);
    fireEvent.click(options[1]);
    expect(field.onChange).toHaveBeenCalledWith('sales');
  });

  it('shows the chosen name alone, and keeps a value the data lake no longer lists', async () => {
    await renderWithApi(
      <MlDatasetPicker {...props({ formData: 'prices' })} />,
      {
        listDatasets: jest.fn(async () => datasets),
      },
    );
    expect(await select()).toHaveTextContent(/^prices$/);
    // What the field shows is part of its name (WCAG 2.5.3 Label in Name).
    expect(await select()).toHaveAccessibleName('Database prices');
    expect(await select()).not.toHaveAttribute('aria-label');
    fireEvent.mouseDown(await select());
    expect(
      await within(await screen.findByRole('listbox')).findByText(
        'Not in the data lake',
      ),
    ).toBeInTheDocument();
  });

  it("says in words that the list could not be read, with the backend's reason", async () => {
    const error = Object.assign(new Error('Request failed with 409'), {
      body: {
        error: {
          name: 'ConflictError',
          message: 'No data lake is configured',
        },
      },
    });
    await renderWithApi(<MlDatasetPicker {...props()} />, {
      listDatasets: jest.fn(async () => {
        throw error;
      }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "The data lake's databases could not be read (No data lake is configured). Try again in a moment; if it persists, tell the platform team.",
    );
    expect(await select()).toHaveAttribute('aria-disabled', 'true');
  });

  it("shows the dataset rule's words instead of the form's pattern error", async () => {
    await renderWithApi(
      <MlDatasetPicker
        {...props({
          formData: 'Sales',
          rawErrors: ['must match pattern "^[a-z0-9][a-z0-9_-]{0,254}$"'],
        })}
      />,
      { listDatasets: jest.fn(async () => datasets) },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "'Sales' is not a data-lake database name",
    );
  });
});

describe('mlDatasetPickerValidation', () => {
  it('judges each item of the array the form hands over', () => {
    const addError = jest.fn();
    mlDatasetPickerValidation(
      ['sales', 'Bad Name'] as any,
      { addError } as any,
      {} as any,
    );
    expect(addError).toHaveBeenCalledTimes(1);
    expect(addError.mock.calls[0][0]).toMatch(/^Item 2: 'Bad Name' is not/);
  });
});
