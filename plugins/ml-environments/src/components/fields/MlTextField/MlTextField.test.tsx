import { fireEvent, render, screen } from '@testing-library/react';
import { MlTextField, mlTextFieldValidation } from './MlTextField';

function props(overrides: Record<string, unknown> = {}) {
  return {
    onChange: jest.fn(),
    schema: { title: 'Cost center', description: 'The cost-center tag' },
    uiSchema: { 'ui:options': { rule: 'cost-center' } },
    rawErrors: [],
    required: true,
    formData: undefined,
    idSchema: { $id: 'root_costCenter' },
    ...overrides,
  } as any;
}

function validate(value: string | string[], rule: string) {
  const errors: string[] = [];
  mlTextFieldValidation(
    value as string,
    { addError: (m: string) => errors.push(m) } as any,
    { uiSchema: { 'ui:options': { rule } } } as any,
  );
  return errors;
}

describe('MlTextField', () => {
  it("shows a problem in a red dark enough to read (4.5:1 on white, not MUI's 3.7:1)", () => {
    render(
      <MlTextField
        {...props({
          formData: 'CC#1',
          rawErrors: ['must match pattern "^[A-Za-z0-9 _.:/=+@-]{1,256}$"'],
        })}
      />,
    );
    // MUI's default theme: error.dark #d32f2f, not error.main #f44336.
    const dark = 'rgb(211, 47, 47)';
    expect(screen.getByRole('alert')).toHaveStyle({ color: dark });
    expect(document.getElementById('root_costCenter-label')).toHaveStyle({
      color: dark,
    });
  });

  it('shows the description until the form finds a problem', () => {
    const field = props();
    render(<MlTextField {...field} />);
    expect(screen.getByText('The cost-center tag')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Cost center/), {
      target: { value: 'CC-1' },
    });
    expect(field.onChange).toHaveBeenCalledWith('CC-1');
  });

  it("says in words what is wrong instead of JSON schema's pattern", () => {
    render(
      <MlTextField
        {...props({
          formData: 'CC#1',
          rawErrors: ['must match pattern "^[A-Za-z0-9 _.:/=+@-]{1,256}$"'],
        })}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/1 to 256 ASCII letters, digits/);
    expect(screen.queryByText(/must match pattern/)).not.toBeInTheDocument();
  });

  it('shows other errors as they come (a required field left empty)', () => {
    render(
      <MlTextField
        {...props({ formData: undefined, rawErrors: ['is a required field'] })}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('is a required field');
  });

  it("refuses what the rule refuses, with the rule's words", () => {
    expect(validate('Web Events', 'dataset')).toEqual([
      expect.stringMatching(/not a data-lake database name.*e\.g\. sales/),
    ]);
    expect(validate('web_events', 'dataset')).toEqual([]);
    expect(validate('ml@', 'account-email')).toHaveLength(1);
  });

  it('judges each item of an array field (the form hands it the whole list), naming the item', () => {
    expect(validate(['sales'], 'dataset')).toEqual([]);
    expect(validate(['sales', 'stores', 'web_events'], 'dataset')).toEqual([]);
    expect(validate(['sales', 'Web Events'], 'dataset')).toEqual([
      expect.stringMatching(
        /^Item 2: 'Web Events' is not a data-lake database name/,
      ),
    ]);
  });
});
