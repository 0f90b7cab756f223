/**
 * Node library shared by the ML environments backend plugin and scaffolder
 * module: validated configuration and AWS SDK v3 clients.
 *
 * @packageDocumentation
 */

export * from './config';
export * from './clients';
export * from './preflight';
export * from './permissionProblems';
export * from './pages';
export * from './tags';
export * from './provisioningConfig';
export * from './snapshot';
export * from './snapshotChanges';
export * from './aws';
export * from './projects/permissions';
export * from './projects/MlProjectAuthority';
export * from './projects/MlProjectsClient';
export * from './retry';
export { ORGANIZATIONS_RATE_LIMITS } from './rateLimit';
export { concurrencyLimit } from './concurrency';
export { readNonCompliantResources } from './snapshotReads';
