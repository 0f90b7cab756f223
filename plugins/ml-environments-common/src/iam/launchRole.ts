// The launch role: the role Service Catalog assumes, under the portfolio's
// LAUNCH constraints ({"LocalRoleName": <name>}), to run the products'
// stacks in each account, so the suite's own roles need no action on the
// products' resources. Its policy is the `launch` principal's
// (statements/launch.ts). No imports, for Node's type stripping.

/**
 * The launch role's name when configuration gives none
 * (`serviceCatalog.launchRoleName`).
 *
 * @public
 */
export const DEFAULT_LAUNCH_ROLE_NAME = 'mlgov-sc-launch';

/**
 * The launch role's trust policy: only Service Catalog may assume it.
 *
 * @public
 */
export const LAUNCH_ROLE_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'servicecatalog.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
} as const;
