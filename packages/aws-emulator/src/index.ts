/**
 * A local AWS-compatible endpoint for the ML environments suite.
 *
 * @packageDocumentation
 */

export { isMutatingOperation, startEmulator } from './server.ts';
export type { EmulatorOptions, RunningEmulator } from './server.ts';
export { readSeedFile } from './seed.ts';
export { receiveQueuedEvents } from './eventsQueue.ts';
export { brownfieldSeed } from './brownfield.ts';
export type { SeedDocument } from './seed.ts';
export type { IdentityPolicy, IdentityStatement } from './state.ts';
export { defaultConfig } from './config.ts';
export { throttlingRuleFor } from './limits.ts';
export type { EmulatorConfig } from './config.ts';
export { adminConfigFor, suiteConfigFor } from './suiteConfig.ts';
export {
  SUITE_ACCESS_KEY,
  SUITE_MANAGEMENT_ROLE,
  SUITE_MEMBER_ROLE,
} from './seedSuite.ts';
export { governedDomainRequest, projectTags } from './governedRequests.ts';
