export * from './policies';
export * from './calls';
