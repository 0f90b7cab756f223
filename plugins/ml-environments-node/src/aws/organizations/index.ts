export * from './root';
export * from './organizationalUnits';
export * from './accounts';
export * from './tags';
export * from './policies';
export * from './closure';
export * from './projectAccounts';
export * from './assumable';
