// The templates' end-to-end checks, as the smoke test and the replicas'
// drill use them.
export { CASES, OWNER, type TemplateCase } from './cases.ts';
export {
  allPages,
  awsClients,
  layoutProblems,
  readOrganization,
  type AwsClients,
  type Organization,
  type OrganizationAccount,
} from './organization.ts';
export {
  createApi,
  createRunTemplate,
  devUser,
  type Api,
  type ApiAnswer,
  type RunTemplate,
  type TaskRun,
} from './scaffolder.ts';
export {
  templateChecks,
  type TemplateChecksOptions,
} from './templateChecks.ts';
export { attackChecks } from './attack.ts';
export { exceptionChecks } from './exceptions.ts';
export { dataAccessChecks } from './dataAccess.ts';
export { DATA_LAKE, notebookAccess, readableDatabases } from './lake.ts';
export {
  RETIRED_PROJECT,
  offboardingChecks,
  offboardingUnderFaults,
} from './offboarding.ts';
