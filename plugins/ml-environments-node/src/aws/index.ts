export * from './step';
export * from './organizations';
export * from './controlTower';
export {
  REGISTRATION_BASELINE_VERSION,
  ensureOuRegistered,
  registeredOus,
} from './controlTowerRegistration';
export {
  autoEnrolment,
  awaitAutoEnrolment,
  ensureAccountsEnrolled,
} from './controlTowerEnrolment';
export * from './controlTowerRest';
export * from './serviceCatalog';
export * from './serviceCatalogProvisioning';
export * from './serviceCatalogUpdate';
export * from './productUpdateReads';
export * from './serviceCatalogTermination';
export * from './budgets';
export * from './sagemaker';
export {
  ensureDataAccessGranted,
  ensureDataAccessRevoked,
} from './lakeFormation';
export type { DataAccess, DataAccessTable } from './lakeFormation';
export * from './glue';
export * from './dataClassification';
export * from './launchPrincipals';
export * from './launchRole';
export * from './serviceCatalogProducts';
export * from './productPublishing';
export * from './templatesBucket';
export * from './productVersions';
export * from './organizations/accountOuPath';
export * from './cost';
export * from './costGroups';
export {
  ensureConsumerAccessGranted,
  ensureConsumerAccessRevoked,
  ensureDataLakeAdmin,
  readConsumerAccess,
} from './lakeFormationConsumer';
export { deleteResourceLink, ensureResourceLink } from './resourceLinks';
export type {
  ConsumerAccessState,
  ConsumerClients,
} from './lakeFormationConsumer';
export * from './projectDataAccess';
