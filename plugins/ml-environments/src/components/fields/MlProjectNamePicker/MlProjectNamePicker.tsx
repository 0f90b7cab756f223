import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { useEffect, useState } from 'react';
import { mlEnvironmentsApiRef } from '../../../api';
import { CheckedTextInput, fieldMessage } from '../MlTextField';
import { NameAvailability, checkProjectName } from './availability';

/** `ui:options` of the project name field. */
export interface MlProjectNamePickerUiOptions {
  /** The template acts on a project that must exist (not a new one). */
  existing?: boolean;
}

/** Waits for typing to pause before asking the backend. */
const CHECK_DELAY_MS = 400;

/**
 * Template field for an ML project's name: the suite's naming rule in
 * words, and while typing whether the name is free, the user's team's
 * project (a re-run) or another team's.
 */
export function MlProjectNamePicker(
  props: FieldExtensionComponentProps<string, MlProjectNamePickerUiOptions>,
) {
  const { formData, onChange, schema, uiSchema, rawErrors, required } = props;
  const existing = Boolean(uiSchema['ui:options']?.existing);
  const api = useApi(mlEnvironmentsApiRef);
  const identityApi = useApi(identityApiRef);
  const [availability, setAvailability] = useState<NameAvailability>();

  useEffect(() => {
    setAvailability(undefined);
    if (!formData) return undefined;
    let current = true;
    const timer = setTimeout(async () => {
      try {
        const { ownershipEntityRefs } =
          await identityApi.getBackstageIdentity();
        const answer = await checkProjectName(
          api,
          ownershipEntityRefs,
          formData,
          existing,
        );
        if (current) setAvailability(answer);
      } catch {
        // The check is a convenience: provisioning checks again.
        if (current) setAvailability(undefined);
      }
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, identityApi, formData, existing]);

  const problem =
    fieldMessage('project-name', formData, rawErrors) ??
    (availability && !availability.usable ? availability.message : undefined);
  return (
    <CheckedTextInput
      id={props.idSchema?.$id ?? 'ml-project-name'}
      label={schema.title ?? 'Project name'}
      value={formData}
      onChange={onChange}
      required={required}
      problem={problem}
      hint={availability?.message ?? schema.description}
    />
  );
}

/** The naming rule, then whether the name can be used by this user. */
export const mlProjectNamePickerValidation: CustomFieldValidator<
  string,
  MlProjectNamePickerUiOptions
> = async (value, validation, context) => {
  if (!value) return;
  const api = context.apiHolder.get(mlEnvironmentsApiRef);
  const identityApi = context.apiHolder.get(identityApiRef);
  if (!api || !identityApi) return;
  const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
  try {
    const availability = await checkProjectName(
      api,
      ownershipEntityRefs,
      value,
      Boolean(context.uiSchema?.['ui:options']?.existing),
    );
    if (!availability.usable) validation.addError(availability.message);
  } catch {
    // The backend is unreachable: provisioning checks again.
  }
};
