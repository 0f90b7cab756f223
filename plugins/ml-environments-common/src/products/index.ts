export * from './checkTemplate';
export { RESOURCE_CALLS } from './resourceCalls';
export type { ResourceCallSpec } from './resourceCalls';
