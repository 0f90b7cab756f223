export * from './snapshot';
export * from './guardrailStatus';
export * from './effective';
export * from './api';
export * from './changes';
