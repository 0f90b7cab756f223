import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { parseOuPath } from '@mlgov/plugin-ml-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { mlEnvironmentsApiRef } from '../../../api';
import { flattenOus } from '../../organization/MlEnvironmentsPage/organizationFilters';
import { namedByLabelAndValue } from '../../shared/selectNaming';

/** `ui:options` of the OU picker. */
export interface MlOrganizationalUnitPickerUiOptions {
  /** Only offer OUs below this path, e.g. `Workloads`. */
  under?: string;
}

/**
 * Template field to choose an existing OU of the organization by its path
 * (e.g. `Workloads/Workloads_Dev`), from the backend's latest snapshot.
 */
export function MlOrganizationalUnitPicker(
  props: FieldExtensionComponentProps<
    string,
    MlOrganizationalUnitPickerUiOptions
  >,
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
  const api = useApi(mlEnvironmentsApiRef);
  const under = uiSchema['ui:options']?.under;
  const { value, loading, error } = useAsync(
    () => api.getOrganization(),
    [api],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  const paths = value
    ? flattenOus(value.root)
        .map(ou => ou.path)
        .filter(path => path && (!under || path.startsWith(`${under}/`)))
        .sort()
    : [];
  const label = schema.title ?? 'Organizational unit';
  const id = idSchema?.$id ?? 'ml-organizational-unit';
  return (
    <TextField
      id={id}
      select
      fullWidth
      margin="normal"
      variant="outlined"
      label={label}
      required={required}
      disabled={loading}
      value={formData ?? ''}
      onChange={e => onChange(e.target.value)}
      error={Boolean(rawErrors?.length)}
      helperText={loading ? 'Loading the organization…' : schema.description}
      SelectProps={namedByLabelAndValue(id)}
    >
      {paths.map(path => (
        <MenuItem key={path} value={path}>
          {path}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Checks the path's form; whether it exists is the provisioning's check. */
export const mlOrganizationalUnitPickerValidation: CustomFieldValidator<
  string,
  MlOrganizationalUnitPickerUiOptions
> = (value, validation) => {
  const parsed = parseOuPath(value ?? '');
  if (!parsed.ok) validation.addError(parsed.message);
};
