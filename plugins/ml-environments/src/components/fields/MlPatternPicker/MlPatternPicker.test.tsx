import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlPatternPicker, mlPatternPickerValidation } from './MlPatternPicker';

function props(overrides: Record<string, unknown> = {}) {
  return {
    onChange: jest.fn(),
    schema: { title: 'Account pattern' },
    uiSchema: {},
    idSchema: { $id: 'root_pattern' },
    rawErrors: [],
    required: true,
    formData: undefined,
    ...overrides,
  } as any;
}

describe('MlPatternPicker', () => {
  it('shows what each pattern provisions and reports the choice', async () => {
    const field = props();
    await renderWithApi(<MlPatternPicker {...field} />, {});
    expect(
      await screen.findByText('Pattern 3: MLOps with cross-account deployment'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^automation account in Deployments\/Deployments_Prod/),
    ).toBeInTheDocument();
    // What each pattern launches comes from the same data as the plan.
    expect(
      screen.getByText(
        'Cross-account deployment pipeline launched in the automation account',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'a monthly spending limit (AWS Budget) on the sandbox account',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('radio')).toHaveLength(3);
    fireEvent.click(screen.getByRole('radio', { name: /Pattern 2/ }));
    expect(field.onChange).toHaveBeenCalledWith('dev');
  });

  it('picks the only pattern a template allows', async () => {
    const field = props({
      uiSchema: { 'ui:options': { patterns: ['mlops'] } },
    });
    await renderWithApi(<MlPatternPicker {...field} />, {});
    expect(await screen.findAllByRole('radio')).toHaveLength(1);
    await waitFor(() => expect(field.onChange).toHaveBeenCalledWith('mlops'));
  });
});

describe('mlPatternPickerValidation', () => {
  const validate = (value: string, patterns?: string[]) => {
    const addError = jest.fn();
    mlPatternPickerValidation(
      value,
      { addError } as any,
      {
        uiSchema: patterns ? { 'ui:options': { patterns } } : {},
      } as any,
    );
    return addError.mock.calls.map(c => c[0]);
  };

  it('accepts a known pattern and rejects others, naming the choices', () => {
    expect(validate('mlops')).toEqual([]);
    expect(validate('prod')).toEqual([
      'Choose one of the account patterns: sandbox, dev, mlops',
    ]);
    expect(validate('dev', ['sandbox'])).toEqual([
      'Choose one of the account patterns: sandbox',
    ]);
  });
});
