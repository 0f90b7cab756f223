/**
 * Backend plugin reporting the guardrail, SCP and account-layout status of
 * governed ML environments on AWS.
 *
 * @packageDocumentation
 */

export { mlEnvironmentsPlugin as default } from './plugin';
export { catalogModuleMlEnvironmentAccounts } from './catalog/module';
export { permissionModuleMlEnvironmentsPolicy } from './permissions/module';
export {
  MlEnvironmentsPermissionPolicy,
  type MlEnvironmentsPolicyOptions,
} from './permissions/MlEnvironmentsPermissionPolicy';
