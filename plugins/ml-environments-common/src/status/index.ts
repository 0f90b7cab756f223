export * from './snapshot';
export * from './guardrailStatus';
export * from './snapshotIndex';
export * from './effective';
export * from './changes';
export * from './views';
