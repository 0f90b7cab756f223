/**
 * Frontend plugin showing each ML project's AWS account layout and
 * guardrail status on its catalog entity page.
 *
 * @packageDocumentation
 */

export {
  mlEnvironmentsPlugin,
  EntityMlEnvironmentSummaryCard,
  EntityMlProjectLayoutCard,
  EntityMlEnvironmentContent,
  MlEnvironmentsPage,
  MlPatternPickerFieldExtension,
  MlOrganizationalUnitPickerFieldExtension,
  MlProjectNamePickerFieldExtension,
  MlTextFieldExtension,
  MlOwnerGroupPickerFieldExtension,
  MlDatasetPickerFieldExtension,
} from './plugin';
export type { MlPatternPickerUiOptions } from './components/fields/MlPatternPicker';
export type { MlOrganizationalUnitPickerUiOptions } from './components/fields/MlOrganizationalUnitPicker';
export type { MlProjectNamePickerUiOptions } from './components/fields/MlProjectNamePicker';
export type { MlTextFieldUiOptions } from './components/fields/MlTextField';
export { MlProjectsHomeCard } from './components/organization/MlProjectsHomeCard';
export type { MlProjectsHomeCardProps } from './components/organization/MlProjectsHomeCard';
export {
  mlEnvironmentsApiRef,
  MlEnvironmentsClient,
  mlScorecardApiRef,
  MlScorecardClient,
} from './api';
export type {
  Decision,
  MlEnvironmentsApi,
  MlScorecardApi,
  MlScorecardResult,
} from './api';
export { isMlProjectEntity } from '@mlgov/plugin-ml-environments-common';
