export * from './types';
export * from './library';
export * from './baseline';
