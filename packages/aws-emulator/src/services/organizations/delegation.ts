/**
 * Trusted access and delegated administrators: which AWS services may work
 * across the organization, and which member account administers each.
 */
import { AwsError, constraintViolation, invalidInput } from '../../errors.ts';
import type { CallContext, OperationGroup } from '../../context.ts';
import type { EmulatorState } from '../../state.ts';
import { describeAccount, getAccount, page, required } from './shared.ts';

export const SERVICE_CATALOG_PRINCIPAL = 'servicecatalog.amazonaws.com';

/**
 * The service principals the emulator recognizes, a selection of AWS's
 * "AWS services that you can use with AWS Organizations"; any other gets
 * InvalidInputException UNRECOGNIZED_SERVICE_PRINCIPAL.
 */
export const SERVICE_PRINCIPALS: ReadonlySet<string> = new Set([
  'access-analyzer.amazonaws.com',
  'account.amazonaws.com',
  'auditmanager.amazonaws.com',
  'backup.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'compute-optimizer.amazonaws.com',
  'config-multiaccountsetup.amazonaws.com',
  'config.amazonaws.com',
  'controltower.amazonaws.com',
  'detective.amazonaws.com',
  'fms.amazonaws.com',
  'guardduty.amazonaws.com',
  'health.amazonaws.com',
  'inspector2.amazonaws.com',
  'ipam.amazonaws.com',
  'license-manager.amazonaws.com',
  'macie.amazonaws.com',
  'member.org.stacksets.cloudformation.amazonaws.com',
  'ram.amazonaws.com',
  'reporting.trustedadvisor.amazonaws.com',
  'securityhub.amazonaws.com',
  SERVICE_CATALOG_PRINCIPAL,
  'servicequotas.amazonaws.com',
  'ssm.amazonaws.com',
  'sso.amazonaws.com',
  'storage-lens.s3.amazonaws.com',
  'tagpolicies.tag.amazonaws.com',
]);

function recognized(principal: string) {
  if (!SERVICE_PRINCIPALS.has(principal)) {
    throw invalidInput(
      'UNRECOGNIZED_SERVICE_PRINCIPAL',
      `You specified a service principal that isn't recognized: ${principal}.`,
    );
  }
  return principal;
}

/** Whether the account is a delegated administrator, for the service or for any. */
export function isDelegatedAdministrator(
  state: EmulatorState,
  accountId: string,
  servicePrincipal?: string,
): boolean {
  const registries = servicePrincipal
    ? [state.delegatedAdministrators.get(servicePrincipal)]
    : [...state.delegatedAdministrators.values()];
  return registries.some(accounts => accounts?.has(accountId) ?? false);
}

/** Turns on a service's trusted access, as EnableAWSServiceAccess does. */
export function enableServiceAccess(state: EmulatorState, principal: string) {
  recognized(principal);
  if (state.featureSet !== 'ALL') {
    throw constraintViolation(
      'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
      'Trusted access needs an organization with all features enabled.',
    );
  }
  if (!state.trustedServices.has(principal)) {
    state.trustedServices.set(principal, new Date());
  }
}

/**
 * Makes a member account a service's delegated administrator, with AWS's
 * refusals in the order its model describes them: the management account,
 * an account outside the organization, a suspended one, a service without
 * trusted access, an account already registered.
 */
export function registerDelegatedAdministrator(
  state: EmulatorState,
  accountId: string,
  principal: string,
) {
  recognized(principal);
  if (accountId === state.managementAccountId) {
    throw constraintViolation(
      'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
      'You can designate only a member account as a delegated administrator.',
    );
  }
  const account = getAccount(state, accountId);
  if (account.state !== 'ACTIVE') {
    throw constraintViolation(
      'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR',
      `Account ${accountId} is ${account.state} and cannot be registered as a delegated administrator.`,
    );
  }
  if (!state.trustedServices.has(principal)) {
    throw constraintViolation(
      'SERVICE_ACCESS_NOT_ENABLED',
      `You attempted to register a delegated administrator before you enabled service access for ${principal}. Call the EnableAWSServiceAccess API first.`,
    );
  }
  const accounts = state.delegatedAdministrators.get(principal) ?? new Map();
  if (accounts.has(accountId)) {
    throw new AwsError(
      'AccountAlreadyRegisteredException',
      `The provided account is already a delegated administrator for ${principal}.`,
    );
  }
  accounts.set(accountId, new Date());
  state.delegatedAdministrators.set(principal, accounts);
}

/**
 * AWS: "if a delegated admin is de-registered, portfolio shares created
 * from that account are removed" (Service Catalog's DeletePortfolioShare),
 * and with them the recipients' acceptance of those organization shares.
 */
function dropOrganizationShares(state: EmulatorState, accountId: string) {
  const owned = (portfolioId: string) =>
    state.portfolios.get(portfolioId)?.ownerAccountId === accountId;
  const dropped = new Set(
    state.portfolioShares
      .filter(share => share.type !== 'ACCOUNT' && owned(share.portfolioId))
      .map(share => share.portfolioId),
  );
  state.portfolioShares = state.portfolioShares.filter(
    share => share.type === 'ACCOUNT' || !owned(share.portfolioId),
  );
  for (const [key, type] of state.acceptedShares) {
    if (type === 'AWS_ORGANIZATIONS' && dropped.has(key.split('/')[1])) {
      state.acceptedShares.delete(key);
    }
  }
}

export const delegationOperations: OperationGroup = {
  mutations: new Set([
    'EnableAWSServiceAccess',
    'DisableAWSServiceAccess',
    'RegisterDelegatedAdministrator',
    'DeregisterDelegatedAdministrator',
  ]),
  handlers: {
    EnableAWSServiceAccess: ({ state }: CallContext, input) => {
      required(input, 'ServicePrincipal');
      enableServiceAccess(state, input.ServicePrincipal);
      return {};
    },

    /** Delegated administrators stay registered, as nothing in AWS's model says otherwise. */
    DisableAWSServiceAccess: ({ state }: CallContext, input) => {
      required(input, 'ServicePrincipal');
      state.trustedServices.delete(recognized(input.ServicePrincipal));
      return {};
    },

    ListAWSServiceAccessForOrganization: ({ state }: CallContext, input) => {
      const { page: enabled, nextToken } = page(
        [...state.trustedServices].map(([ServicePrincipal, since]) => ({
          ServicePrincipal,
          DateEnabled: since.getTime() / 1000,
        })),
        input,
      );
      return { EnabledServicePrincipals: enabled, NextToken: nextToken };
    },

    RegisterDelegatedAdministrator: ({ state }: CallContext, input) => {
      required(input, 'AccountId', 'ServicePrincipal');
      registerDelegatedAdministrator(
        state,
        input.AccountId,
        input.ServicePrincipal,
      );
      return {};
    },

    DeregisterDelegatedAdministrator: ({ state }: CallContext, input) => {
      required(input, 'AccountId', 'ServicePrincipal');
      const principal = recognized(input.ServicePrincipal);
      getAccount(state, input.AccountId);
      const accounts = state.delegatedAdministrators.get(principal);
      if (!accounts?.has(input.AccountId)) {
        throw new AwsError(
          'AccountNotRegisteredException',
          `The provided account is not a delegated administrator for ${principal}.`,
        );
      }
      accounts.delete(input.AccountId);
      if (accounts.size === 0) state.delegatedAdministrators.delete(principal);
      if (principal === SERVICE_CATALOG_PRINCIPAL) {
        dropOrganizationShares(state, input.AccountId);
      }
      return {};
    },

    ListDelegatedAdministrators: ({ state }: CallContext, input) => {
      const since = new Map<string, Date>();
      for (const [principal, accounts] of state.delegatedAdministrators) {
        if (input.ServicePrincipal && principal !== input.ServicePrincipal) {
          continue;
        }
        for (const [accountId, date] of accounts) {
          // An account delegated for several services is listed once, from its first.
          if (!since.has(accountId) || date < since.get(accountId)!) {
            since.set(accountId, date);
          }
        }
      }
      const { page: admins, nextToken } = page(
        [...since].map(([accountId, date]) => {
          const account = describeAccount(state, getAccount(state, accountId));
          return {
            Id: account.Id,
            Arn: account.Arn,
            Email: account.Email,
            Name: account.Name,
            Status: account.Status,
            State: account.State,
            JoinedMethod: account.JoinedMethod,
            JoinedTimestamp: account.JoinedTimestamp,
            DelegationEnabledDate: date.getTime() / 1000,
          };
        }),
        input,
      );
      return { DelegatedAdministrators: admins, NextToken: nextToken };
    },
  },
};
