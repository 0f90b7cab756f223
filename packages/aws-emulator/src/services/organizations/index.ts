import { AwsError } from '../../errors.ts';
import type { CallContext, Handlers } from '../../context.ts';
import { requireManagement } from './shared.ts';
import { createOrganization, organizationOperations } from './organization.ts';
import { unitsOperations } from './units.ts';
import { accountsOperations } from './accounts.ts';
import { tagsOperations } from './tags.ts';
import { policiesOperations } from './policies.ts';
import { delegationOperations } from './delegation.ts';

export {
  FULL_AWS_ACCESS_ID,
  MAX_OU_DEPTH,
  MAX_SCP_CHARACTERS,
  SCP,
  accountArn,
  addAccount,
  attachPolicy,
  createOu,
  createPolicy,
  ensureFullAwsAccessPolicy,
  ouArn,
  validatePolicyContent,
} from './shared.ts';
export {
  SERVICE_CATALOG_PRINCIPAL,
  enableServiceAccess,
  isDelegatedAdministrator,
  registerDelegatedAdministrator,
} from './delegation.ts';

const groups = [
  organizationOperations,
  unitsOperations,
  accountsOperations,
  tagsOperations,
  policiesOperations,
  delegationOperations,
];

/** The operations that change state; every other one only reads. */
export const organizationsMutations: ReadonlySet<string> = new Set(
  groups.flatMap(group => [...group.mutations]),
);

/**
 * Every operation but CreateOrganization needs an organization, and all but
 * DescribeOrganization its management account, or for the reads AWS opens
 * to them a delegated administrator, as in AWS.
 */
export function organizationsHandlers(): Handlers {
  const handlers: Handlers = Object.assign(
    {},
    ...groups.map(group => group.handlers),
  );
  return {
    ...Object.fromEntries(
      Object.entries(handlers).map(([operation, handler]) => [
        operation,
        (ctx: CallContext, input: any) => {
          if (!ctx.state.inOrganization) {
            throw new AwsError(
              'AWSOrganizationsNotInUseException',
              'Your account is not a member of an organization.',
            );
          }
          requireManagement(ctx, operation);
          return handler(ctx, input);
        },
      ]),
    ),
    CreateOrganization: createOrganization,
  };
}
