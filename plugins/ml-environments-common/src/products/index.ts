export * from './checkTemplate';
export { RESOURCE_CALLS } from './resourceCalls';
export type { KeyPaths, ResourceCallSpec } from './resourceCalls';
