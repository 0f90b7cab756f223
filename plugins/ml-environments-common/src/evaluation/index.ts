export * from './conditions';
export * from './evaluate';
