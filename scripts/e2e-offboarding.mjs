export * from '../packages/e2e/src/templates/index.ts';
