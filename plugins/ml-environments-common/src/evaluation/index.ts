export * from './truth';
export * from './conditions';
export * from './evaluate';
