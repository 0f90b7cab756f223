export * from './snapshot';
export * from './guardrailStatus';
export * from './effective';
export * from './changes';
