import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { mlProjectRetirePermission } from '@mlgov/plugin-ml-environments-common';
import { useEffect, useState } from 'react';
import { mlEnvironmentsApiRef } from '../../../api';
import { CheckedTextInput, fieldMessage } from '../MlTextField';
import {
  NameAvailability,
  ProjectAction,
  checkProjectName,
} from './availability';

/** `ui:options` of the project name field. */
export interface MlProjectNamePickerUiOptions {
  /** The template acts on a project that must exist (not a new one). */
  existing?: boolean;
  /**
   * What the template does to that project, when only some may: `retire`
   * accepts only a project the backend lets the signed-in user retire
   * (ml-environments.project.retire on the suite's record).
   */
  action?: 'retire';
}

/**
 * The backend's decision (the permission framework, on the suite's record)
 * whether the user may act so on a project; the task asks again.
 */
function projectAction(
  permissionApi: PermissionApi,
  action: MlProjectNamePickerUiOptions['action'],
): ProjectAction | undefined {
  if (action !== 'retire') return undefined;
  return {
    verb: 'retire',
    allowed: async project => {
      const { result } = await permissionApi.authorize({
        permission: mlProjectRetirePermission,
        resourceRef: project,
      });
      // AuthorizeResult.ALLOW by its value: its package is no runtime
      // dependency of this plugin.
      return String(result) === 'ALLOW';
    },
  };
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
  const actionName = uiSchema['ui:options']?.action;
  const api = useApi(mlEnvironmentsApiRef);
  const identityApi = useApi(identityApiRef);
  const permissionApi = useApi(permissionApiRef);
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
          projectAction(permissionApi, actionName),
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
  }, [api, identityApi, permissionApi, formData, existing, actionName]);

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
  const permissionApi = context.apiHolder.get(permissionApiRef);
  if (!api || !identityApi) return;
  const options = context.uiSchema?.['ui:options'];
  const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
  try {
    const availability = await checkProjectName(
      api,
      ownershipEntityRefs,
      value,
      Boolean(options?.existing),
      permissionApi && projectAction(permissionApi, options?.action),
    );
    if (!availability.usable) validation.addError(availability.message);
  } catch {
    // The backend is unreachable: provisioning checks again.
  }
};
