export * from './snapshot';
export * from './guardrailStatus';
