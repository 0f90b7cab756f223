export * from '../packages/e2e/src/browser/index.ts';
