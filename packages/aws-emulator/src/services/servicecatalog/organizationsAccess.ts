/**
 * Service Catalog's access to AWS Organizations: what lets a portfolio be
 * shared with the organization, an OU or an account by its place in the
 * organization (an organization node).
 */
import { AwsError, accessDenied } from '../../errors.ts';
import type { OperationGroup } from '../../context.ts';
import type { EmulatorState } from '../../state.ts';
import {
  SERVICE_CATALOG_PRINCIPAL,
  enableServiceAccess,
  isDelegatedAdministrator,
} from '../organizations/index.ts';

/** The management account, or a delegated administrator for Service Catalog. */
function administers(state: EmulatorState, accountId: string) {
  return (
    state.inOrganization &&
    (accountId === state.managementAccountId ||
      isDelegatedAdministrator(state, accountId, SERVICE_CATALOG_PRINCIPAL))
  );
}

const NOT_AN_ADMINISTRATOR = `Operation not supported: only the organization's management account or a delegated administrator for ${SERVICE_CATALOG_PRINCIPAL} may do this.`;

/**
 * Why the account may not share a portfolio with an organization node, or
 * undefined: only the management account or a delegated administrator for
 * Service Catalog may, and only with Organizations access enabled. AWS names
 * no exception for either case; these are the closest its model documents
 * for CreatePortfolioShare (see docs/aws-emulator.md).
 */
export function organizationShareRefusal(
  state: EmulatorState,
  accountId: string,
): AwsError | undefined {
  if (!administers(state, accountId)) {
    return new AwsError('OperationNotSupportedException', NOT_AN_ADMINISTRATOR);
  }
  if (!state.trustedServices.has(SERVICE_CATALOG_PRINCIPAL)) {
    return new AwsError(
      'InvalidStateException',
      'AWSOrganizationsAccess must be enabled in order to create a portfolio share to an organization node: call EnableAWSOrganizationsAccess from the management account.',
    );
  }
  return undefined;
}

function requireManagementAccount(
  state: EmulatorState,
  accountId: string,
  operation: string,
) {
  if (!state.inOrganization || accountId !== state.managementAccountId) {
    throw accessDenied(
      `You are not authorized to perform this action: ${operation} can be called only by the management account of the organization (a delegated administrator may not).`,
    );
  }
}

export const organizationsAccessOperations: OperationGroup = {
  mutations: new Set([
    'EnableAWSOrganizationsAccess',
    'DisableAWSOrganizationsAccess',
  ]),
  handlers: {
    /** Calls Organizations' EnableAWSServiceAccess on the caller's behalf, as AWS does. */
    EnableAWSOrganizationsAccess: ({ state, caller }) => {
      requireManagementAccount(
        state,
        caller.accountId,
        'EnableAWSOrganizationsAccess',
      );
      if (state.featureSet !== 'ALL') {
        throw new AwsError(
          'InvalidStateException',
          'Organizations access needs an organization with all features enabled.',
        );
      }
      enableServiceAccess(state, SERVICE_CATALOG_PRINCIPAL);
      return {};
    },

    DisableAWSOrganizationsAccess: ({ state, caller }) => {
      requireManagementAccount(
        state,
        caller.accountId,
        'DisableAWSOrganizationsAccess',
      );
      if (state.delegatedAdministrators.get(SERVICE_CATALOG_PRINCIPAL)?.size) {
        throw new AwsError(
          'InvalidStateException',
          `Organizations access cannot be disabled while the organization has delegated administrators for ${SERVICE_CATALOG_PRINCIPAL}: deregister them first.`,
        );
      }
      state.trustedServices.delete(SERVICE_CATALOG_PRINCIPAL);
      return {};
    },

    GetAWSOrganizationsAccessStatus: ({ state, caller }) => {
      if (!administers(state, caller.accountId)) {
        throw new AwsError(
          'OperationNotSupportedException',
          NOT_AN_ADMINISTRATOR,
        );
      }
      return {
        AccessStatus: state.trustedServices.has(SERVICE_CATALOG_PRINCIPAL)
          ? 'ENABLED'
          : 'DISABLED',
      };
    },
  },
};
