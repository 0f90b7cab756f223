import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import {
  AccountPattern,
  ACCOUNT_PATTERNS,
  PRODUCT_TITLES,
  isAccountPatternId,
} from '@mlgov/plugin-ml-environments-common';
import { useEffect } from 'react';

/** `ui:options` of the pattern picker. */
export interface MlPatternPickerUiOptions {
  /** Only offer these patterns, e.g. `[mlops]` in a pattern's own template. */
  patterns?: string[];
}

function PatternChoice({ pattern }: { pattern: AccountPattern }) {
  return (
    <div>
      <Typography variant="subtitle2">
        Pattern {pattern.number}: {pattern.title}
      </Typography>
      <Typography variant="body2">{pattern.summary}</Typography>
      <Typography variant="caption" component="ul" style={{ margin: 0 }}>
        {pattern.accounts.map(account => (
          <li key={account.stage}>
            {account.stage} account in {account.ouPath}: {account.purpose}
          </li>
        ))}
        {pattern.products.map(({ product, stage }) => (
          <li key={`${product}@${stage}`}>
            {PRODUCT_TITLES[product]} launched in the{' '}
            {stage === 'team-shared-services' ? 'team shared services' : stage}{' '}
            account
          </li>
        ))}
        {pattern.budgetStage && (
          <li>
            a monthly spending limit (AWS Budget) on the {pattern.budgetStage}{' '}
            account
          </li>
        )}
      </Typography>
    </div>
  );
}

/**
 * Template field to choose an account pattern, showing what each one
 * provisions (accounts, OUs and purpose).
 */
export function MlPatternPicker(
  props: FieldExtensionComponentProps<string, MlPatternPickerUiOptions>,
) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    idSchema,
  } = props;
  const allowed = uiSchema['ui:options']?.patterns;
  const patterns = ACCOUNT_PATTERNS.filter(
    p => !allowed || allowed.includes(p.id),
  );
  const only = patterns.length === 1 ? patterns[0].id : undefined;

  // A template for one pattern needs no click to pick it.
  useEffect(() => {
    if (only && formData !== only) onChange(only);
  }, [only, formData, onChange]);

  return (
    <FormControl
      component="fieldset"
      required={required}
      error={Boolean(rawErrors?.length)}
    >
      <FormLabel component="legend">
        {schema.title ?? 'Account pattern'}
      </FormLabel>
      <RadioGroup
        aria-label={schema.title ?? 'Account pattern'}
        name={idSchema?.$id}
        value={formData ?? ''}
        onChange={e => onChange(e.target.value)}
      >
        {patterns.map(pattern => (
          <FormControlLabel
            key={pattern.id}
            value={pattern.id}
            control={<Radio />}
            label={<PatternChoice pattern={pattern} />}
            style={{ alignItems: 'flex-start', marginBottom: 8 }}
          />
        ))}
      </RadioGroup>
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
    </FormControl>
  );
}

/** Rejects anything but one of the three patterns (and those allowed). */
export const mlPatternPickerValidation: CustomFieldValidator<
  string,
  MlPatternPickerUiOptions
> = (value, validation, context) => {
  const allowed =
    context.uiSchema?.['ui:options']?.patterns ??
    ACCOUNT_PATTERNS.map(p => p.id);
  if (!isAccountPatternId(value) || !allowed.includes(value)) {
    validation.addError(
      `Choose one of the account patterns: ${allowed.join(', ')}`,
    );
  }
};
