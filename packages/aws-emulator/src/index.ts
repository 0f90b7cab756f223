/**
 * A local AWS-compatible endpoint for the ML environments suite.
 *
 * @packageDocumentation
 */

export { isMutatingOperation, startEmulator } from './server.ts';
export type { EmulatorOptions, RunningEmulator } from './server.ts';
export { readSeedFile } from './seed.ts';
export { brownfieldSeed } from './brownfield.ts';
export type { SeedDocument } from './seed.ts';
export type { IdentityPolicy, IdentityStatement } from './state.ts';
export { defaultConfig } from './config.ts';
export { throttlingRuleFor } from './limits.ts';
export type { EmulatorConfig } from './config.ts';
export { suiteConfigFor } from './suiteConfig.ts';
export { governedDomainRequest, projectTags } from './governedRequests.ts';
