import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { namedByLabelAndValue } from '../../shared/selectNaming';
import { useReadableError } from '../readableError';

/**
 * "Churn Prediction Team (team-churn)" from the group's title or profile
 * display name, or the name alone without either.
 */
export function ownerGroupLabel(ref: string, entity?: Entity): string {
  const { name } = parseEntityRef(ref);
  const displayName =
    entity?.metadata.title ??
    (entity?.spec?.profile as { displayName?: string } | undefined)
      ?.displayName;
  return displayName ? `${displayName} (${name})` : name;
}

/**
 * Template field for a project's owner group. Provisioning accepts only a
 * group the user belongs to, so only those are offered, by display name;
 * the value is the group's entity ref.
 */
export function MlOwnerGroupPicker(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, schema, rawErrors, required, idSchema } = props;
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const {
    value: options,
    loading,
    error,
  } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const groups = ownershipEntityRefs.filter(
      ref => parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group',
    );
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: groups,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile',
      ],
    });
    return groups
      .map((ref, i) => ({ ref, label: ownerGroupLabel(ref, items[i]) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [identityApi, catalogApi]);

  const readable = useReadableError();

  // With one group there is nothing to choose: take it.
  const only = options?.length === 1 ? options[0].ref : undefined;
  useEffect(() => {
    if (only && !formData) onChange(only);
  }, [only, formData, onChange]);

  if (error) return <ResponseErrorPanel error={error} />;
  const label = schema.title ?? 'Owner group';
  const none = options?.length === 0;
  const id = idSchema?.$id ?? 'ml-owner-group';
  const inError = Boolean(rawErrors?.length || none);
  return (
    <TextField
      id={id}
      select
      fullWidth
      margin="normal"
      variant="outlined"
      label={label}
      required={required}
      disabled={loading || none}
      value={formData ?? ''}
      onChange={e => onChange(e.target.value)}
      error={inError}
      helperText={
        (loading && 'Loading your teams…') ||
        (none &&
          'You are in no team in the catalog, and a project is owned by a team you belong to: ask your identity administrator to add you to one.') ||
        schema.description
      }
      SelectProps={namedByLabelAndValue(id)}
      InputLabelProps={{ style: readable(inError) }}
      FormHelperTextProps={{ style: readable(inError) }}
    >
      {(options ?? []).map(option => (
        <MenuItem key={option.ref} value={option.ref}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The value must be a group ref; membership is provisioning's own check. */
export const mlOwnerGroupPickerValidation: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  if (!value) return;
  try {
    if (parseEntityRef(value).kind.toLocaleLowerCase('en-US') !== 'group') {
      validation.addError(`${value} is not a group: choose one of your teams`);
    }
  } catch {
    validation.addError(`${value} is not a group: choose one of your teams`);
  }
};
