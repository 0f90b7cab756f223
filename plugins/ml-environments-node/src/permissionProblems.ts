import type { MlAwsClients } from './clients';
import { checkManagementPermissions } from './preflight';

/**
 * Why the management principal may not carry out a flow, as IAM's policy
 * simulator decides `actions` (from `suiteActionsFor` or
 * `managementActionsFor`): one problem naming the denied actions, or none.
 * A simulation that cannot run is a warning, not a refusal: it needs
 * iam:SimulatePrincipalPolicy, which the flow itself does not.
 *
 * @public
 */
export async function managementPermissionProblems(
  clients: Pick<MlAwsClients, 'awsConfig' | 'managementIdentity' | 'iam'>,
  actions: string[],
  /** What needs them, e.g. `this plan` or `retiring a project`. */
  purpose: string,
  logger: { warn(message: string): void },
): Promise<string[]> {
  const check = await checkManagementPermissions(clients, actions);
  if (!check.checked) {
    logger.warn(
      `The management account's permissions could not be checked before the first change (${check.reason}); allow iam:SimulatePrincipalPolicy, or set mlEnvironments.aws.managementPrincipalArn, to have them checked`,
    );
    return [];
  }
  if (check.denied.length === 0) return [];
  return [
    `${check.principalArn} may not call ${check.denied.join(
      ', ',
    )}, which ${purpose} needs (IAM policy simulation); grant them to it (see docs/deployment.md for the full policy)`,
  ];
}
