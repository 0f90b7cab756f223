/**
 * Scaffolder actions that provision governed ML environments on AWS.
 *
 * @packageDocumentation
 */

export { scaffolderModuleAwsMl as default } from './module';
export * from './actions';
