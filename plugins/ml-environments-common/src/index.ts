/**
 * Types, permissions and the AWS-free domain model shared by the ML
 * environments plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './accountTags';
export * from './patterns';
export * from './project';
export * from './validation';
export * from './dataAccess';
export * from './sensitiveData';
export * from './projectRecord';
export * from './nameAvailability';
export * from './permissions';
export * from './ouPath';
export * from './guardrails';
export * from './planner';
export * from './evaluation';
export * from './status';
export * from './events';
export * from './partition';
export * from './schema/openapi';
export * from './requiredActions';
export * from './iam';
export * from './exceptions';
export * from './offboarding';
export * from './products';
