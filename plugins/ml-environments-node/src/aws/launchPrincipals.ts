import { partitionOf } from '@mlgov/plugin-ml-environments-common';

/**
 * The principals to associate with the portfolio in a project account: the
 * configured ones and always the suite's own member-account role, which is
 * what launches the products there; without it the suite has no launch
 * path. The role is named by its full ARN (type IAM), not a pattern, so a
 * look-alike role made in the account gains nothing.
 *
 * @public
 */
export function launchPrincipalsFor(
  accountId: string,
  configured: string[],
  aws: { region: string; memberAccountRoleName: string },
): string[] {
  const { partition } = partitionOf(aws.region);
  return [
    ...new Set([
      ...configured,
      `arn:${partition}:iam::${accountId}:role/${aws.memberAccountRoleName}`,
    ]),
  ];
}
