export * from './snapshot';
export * from './guardrailStatus';
export * from './worstState';
export * from './snapshotIndex';
export * from './effective';
export * from './changes';
export * from './applySnapshotPatch';
export * from './views';
