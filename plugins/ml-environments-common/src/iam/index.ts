export * from './policies';
export * from './calls';
export {
  DEFAULT_LAUNCH_ROLE_NAME,
  LAUNCH_ROLE_TRUST_POLICY,
} from './launchRole';
