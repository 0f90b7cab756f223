import { useApi } from '@backstage/core-plugin-api';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { Dataset } from '@mlgov/plugin-ml-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { backendError, mlEnvironmentsApiRef } from '../../../api';
import { fieldMessage, ruleProblem } from '../MlTextField/MlTextField';
import { namedByLabelAndValue } from '../../shared/selectNaming';
import { useReadableError } from '../readableError';

/** Why the list is missing, in words a requester can act on. */
function loadProblem(error: Error) {
  const cause = backendError(error).message ?? error.message;
  return `The data lake's databases could not be read (${cause}). Try again in a moment; if it persists, tell the platform team.`;
}

/**
 * Template field to choose one of the data lake's databases, each shown
 * with its description, as the backend reads them from the data lake's
 * Glue Data Catalog. Templates keep the JSON schema `pattern` and the
 * backend decides what may be read: the list helps choose, it grants
 * nothing.
 */
export function MlDatasetPicker(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, schema, rawErrors, required } = props;
  const api = useApi(mlEnvironmentsApiRef);
  const { value, loading, error } = useAsync(() => api.listDatasets(), [api]);
  const label = schema.title ?? 'Database';
  const datasets: Dataset[] = value ?? [];
  // A value the list lacks (a draft from before it changed) stays visible;
  // the backend refuses it if the data lake has no such database.
  const options =
    formData && value && !datasets.some(d => d.name === formData)
      ? [...datasets, { name: formData, description: 'Not in the data lake' }]
      : datasets;
  const empty = Boolean(value) && datasets.length === 0;
  const problem =
    (error && loadProblem(error)) ||
    (empty &&
      'The data lake lists no databases: ask its data owners which to use.') ||
    fieldMessage('dataset', formData, rawErrors);
  const id = props.idSchema?.$id ?? 'ml-dataset-picker';
  const readable = useReadableError();
  return (
    <TextField
      id={id}
      select
      fullWidth
      margin="normal"
      variant="outlined"
      label={label}
      required={required}
      disabled={loading || Boolean(error) || empty}
      value={value ? formData ?? '' : ''}
      onChange={e => onChange(e.target.value || undefined)}
      error={Boolean(problem)}
      helperText={
        problem ||
        (loading ? "Loading the data lake's databases…" : schema.description)
      }
      InputLabelProps={{ style: readable(Boolean(problem)) }}
      FormHelperTextProps={
        {
          style: readable(Boolean(problem)),
          role: problem ? 'alert' : undefined,
        } as any
      }
      SelectProps={{
        ...namedByLabelAndValue(id),
        renderValue: selected => selected as string,
      }}
    >
      {options.map(d => (
        <MenuItem key={d.name} value={d.name}>
          <ListItemText primary={d.name} secondary={d.description} />
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * The dataset name rule, so the form refuses what provisioning would. Used
 * on an array's items, the form hands over the whole array: each item is
 * judged on its own.
 */
export const mlDatasetPickerValidation: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  const whole: unknown = value;
  const items = Array.isArray(whole) ? (whole as string[]) : [value];
  items.forEach((item, i) => {
    const problem = ruleProblem('dataset', item);
    if (problem) {
      validation.addError(
        items.length > 1 ? `Item ${i + 1}: ${problem}` : problem,
      );
    }
  });
};
