/** The organization itself: its description, root, creation and policy types. */
import { AwsError } from '../../errors.ts';
import { type CallContext, type OperationGroup } from '../../context.ts';
import {
  SCP,
  required,
  page,
  attachFullAwsAccess,
  ensureFullAwsAccessPolicy,
  describeRoot,
} from './shared.ts';

export const organizationOperations: OperationGroup = {
  mutations: new Set(['CreateOrganization', 'EnablePolicyType']),
  handlers: {
    DescribeOrganization: ({ state }) => {
      const management = state.accounts.get(state.managementAccountId);
      return {
        Organization: {
          Id: state.organizationId,
          Arn: `${state.organizationArnPrefix}:organization/${state.organizationId}`,
          FeatureSet: state.featureSet,
          MasterAccountArn: management?.arn,
          MasterAccountId: state.managementAccountId,
          MasterAccountEmail: management?.email,
          AvailablePolicyTypes: state.scpEnabled
            ? [{ Type: SCP, Status: 'ENABLED' }]
            : [],
        },
      };
    },

    ListRoots: ({ state }, input) => {
      const { page: roots, nextToken } = page([describeRoot(state)], input);
      return { Roots: roots, NextToken: nextToken };
    },

    EnablePolicyType: ({ state }, input) => {
      required(input, 'RootId', 'PolicyType');
      if (input.RootId !== state.rootId) {
        throw new AwsError(
          'RootNotFoundException',
          `Root ${input.RootId} does not exist.`,
        );
      }
      if (input.PolicyType !== SCP) {
        throw new AwsError(
          'PolicyTypeNotAvailableForOrganizationException',
          `The emulator supports only ${SCP}.`,
        );
      }
      if (state.scpEnabled) {
        throw new AwsError(
          'PolicyTypeAlreadyEnabledException',
          `${SCP} is already enabled on ${state.rootId}.`,
        );
      }
      state.scpEnabled = true;
      ensureFullAwsAccessPolicy(state);
      for (const targetId of [
        state.rootId,
        ...state.ous.keys(),
        ...state.accounts.keys(),
      ]) {
        attachFullAwsAccess(state, targetId);
      }
      return { Root: describeRoot(state) };
    },
  },
};

/**
 * Makes the caller's standalone account the management account of a new
 * organization, as AWS does; an account already in one gets
 * AlreadyInOrganizationException. No policy type is enabled at first.
 */
export function createOrganization(ctx: CallContext, input: any) {
  const { state, caller } = ctx;
  if (state.inOrganization) {
    throw new AwsError(
      'AlreadyInOrganizationException',
      'The provided account is already a member of an organization.',
    );
  }
  state.inOrganization = true;
  state.managementAccountId = caller.accountId;
  state.featureSet = input.FeatureSet ?? 'ALL';
  state.scpEnabled = false;
  return organizationOperations.handlers.DescribeOrganization(ctx, {});
}
