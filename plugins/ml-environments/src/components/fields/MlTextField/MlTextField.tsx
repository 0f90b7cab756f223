import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import {
  FORM_TEXT_RULES,
  FormTextRule,
} from '@mlgov/plugin-ml-environments-common';
import { ReactNode } from 'react';
import { useReadableError } from '../readableError';

/** `ui:options` of the checked text field. */
export interface MlTextFieldUiOptions {
  /** Which of the suite's input rules the value must follow. */
  rule?: FormTextRule;
}

/** The rule's message for a value, or undefined when it passes (or no rule). */
export function ruleProblem(
  rule: FormTextRule | undefined,
  value: string | undefined,
): string | undefined {
  if (!rule || value === undefined || value === '') return undefined;
  return FORM_TEXT_RULES[rule]?.(value);
}

/**
 * The message to show under a field that hides the form's own errors
 * (`ui:hideError`): the rule's words rather than JSON schema's "must match
 * pattern …", then any other error (required, the field's own checks).
 */
export function fieldMessage(
  rule: FormTextRule | undefined,
  value: string | undefined,
  rawErrors: string[] | undefined,
): string | undefined {
  if (!rawErrors?.length) return undefined;
  return ruleProblem(rule, value) ?? rawErrors[0];
}

/** A text input that shows its problem, or its description, underneath. */
export function CheckedTextInput(props: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  required?: boolean;
  problem?: string;
  hint?: ReactNode;
}) {
  const { id, label, value, onChange, required, problem, hint } = props;
  const readable = useReadableError();
  return (
    <TextField
      id={id}
      fullWidth
      margin="normal"
      variant="outlined"
      label={label}
      required={required}
      value={value ?? ''}
      onChange={e => onChange(e.target.value || undefined)}
      error={Boolean(problem)}
      helperText={problem ?? hint}
      InputLabelProps={{ style: readable(Boolean(problem)) }}
      FormHelperTextProps={
        {
          style: readable(Boolean(problem)),
          role: problem ? 'alert' : undefined,
        } as any
      }
    />
  );
}

/**
 * Template text field checked by one of the suite's rules, whose problems
 * read as words (templates keep the JSON schema `pattern` for the backend's
 * own check and set `ui:hideError`, so the regular expression is never
 * shown).
 */
export function MlTextField(
  props: FieldExtensionComponentProps<string, MlTextFieldUiOptions>,
) {
  const { formData, onChange, schema, uiSchema, rawErrors, required } = props;
  const rule = uiSchema['ui:options']?.rule;
  return (
    <CheckedTextInput
      id={props.idSchema?.$id ?? 'ml-text-field'}
      label={schema.title ?? ''}
      value={formData}
      onChange={onChange}
      required={required}
      problem={fieldMessage(rule, formData, rawErrors)}
      hint={schema.description}
    />
  );
}

/**
 * The rule's check, so the form refuses what the actions would. For a field
 * used as an array's items, Backstage's form hands the validator the whole
 * array (and the items' options): each item is judged on its own.
 */
export const mlTextFieldValidation: CustomFieldValidator<
  string,
  MlTextFieldUiOptions
> = (value, validation, context) => {
  const rule = context.uiSchema?.['ui:options']?.rule;
  const whole: unknown = value;
  const items = Array.isArray(whole) ? (whole as string[]) : [value];
  items.forEach((item, i) => {
    const problem = ruleProblem(rule, item);
    if (!problem) return;
    validation.addError(
      items.length > 1 ? `Item ${i + 1}: ${problem}` : problem,
    );
  });
};
