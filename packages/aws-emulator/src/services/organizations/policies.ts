/** Service control policies and their attachments. */
import { AwsError, constraintViolation, invalidInput } from '../../errors.ts';
import { tagsFromList, type OperationGroup } from '../../context.ts';
import {
  SCP,
  required,
  page,
  validatePolicyContent,
  createPolicy,
  targetExists,
  attachPolicy,
  summary,
  getPolicy,
} from './shared.ts';

export const policiesOperations: OperationGroup = {
  mutations: new Set([
    'CreatePolicy',
    'UpdatePolicy',
    'DeletePolicy',
    'AttachPolicy',
    'DetachPolicy',
  ]),
  handlers: {
    CreatePolicy: ({ state, config }, input) => {
      required(input, 'Content', 'Name', 'Type');
      const scps = [...state.policies.values()].filter(p => p.type === SCP);
      if (input.Type === SCP && scps.length >= config.maxScpsPerOrganization) {
        throw constraintViolation(
          'POLICY_NUMBER_LIMIT_EXCEEDED',
          `The organization already has ${scps.length} SCPs, its quota.`,
        );
      }
      if (input.Description === undefined || input.Description === null) {
        throw invalidInput(
          'INPUT_REQUIRED',
          'You must specify Description (it may be empty).',
        );
      }
      const policy = createPolicy(state, {
        name: input.Name,
        description: input.Description,
        content: input.Content,
        type: input.Type,
        tags: tagsFromList(input.Tags),
      });
      return {
        Policy: { PolicySummary: summary(policy), Content: policy.content },
      };
    },

    DescribePolicy: ({ state }, input) => {
      required(input, 'PolicyId');
      const policy = getPolicy(state, input.PolicyId);
      return {
        Policy: { PolicySummary: summary(policy), Content: policy.content },
      };
    },

    UpdatePolicy: ({ state }, input) => {
      required(input, 'PolicyId');
      const policy = getPolicy(state, input.PolicyId);
      if (policy.awsManaged) {
        throw invalidInput(
          'IMMUTABLE_POLICY',
          `Policy ${policy.id} is managed by AWS and cannot be changed.`,
        );
      }
      if (input.Content !== undefined) {
        validatePolicyContent(input.Content);
      }
      if (
        input.Name !== undefined &&
        input.Name !== policy.name &&
        [...state.policies.values()].some(p => p.name === input.Name)
      ) {
        throw new AwsError(
          'DuplicatePolicyException',
          `A policy named ${input.Name} already exists.`,
        );
      }
      policy.name = input.Name ?? policy.name;
      policy.description = input.Description ?? policy.description;
      policy.content = input.Content ?? policy.content;
      return {
        Policy: { PolicySummary: summary(policy), Content: policy.content },
      };
    },

    DeletePolicy: ({ state }, input) => {
      required(input, 'PolicyId');
      const policy = getPolicy(state, input.PolicyId);
      if (policy.awsManaged) {
        throw invalidInput(
          'IMMUTABLE_POLICY',
          `Policy ${policy.id} is managed by AWS.`,
        );
      }
      if (state.attachments.get(policy.id)?.size) {
        throw new AwsError(
          'PolicyInUseException',
          `Policy ${policy.id} is still attached.`,
        );
      }
      state.policies.delete(policy.id);
      return {};
    },

    ListPolicies: ({ state }, input) => {
      required(input, 'Filter');
      const policies = [...state.policies.values()].filter(
        p => p.type === input.Filter,
      );
      const { page: items, nextToken } = page(policies.map(summary), input);
      return { Policies: items, NextToken: nextToken };
    },

    AttachPolicy: ({ state, config }, input) => {
      required(input, 'PolicyId', 'TargetId');
      attachPolicy(
        state,
        config.maxScpsPerTarget,
        input.PolicyId,
        input.TargetId,
      );
      return {};
    },

    DetachPolicy: ({ state }, input) => {
      required(input, 'PolicyId', 'TargetId');
      const policy = getPolicy(state, input.PolicyId);
      if (!targetExists(state, input.TargetId)) {
        throw new AwsError(
          'TargetNotFoundException',
          `Target ${input.TargetId} does not exist.`,
        );
      }
      if (!state.attachments.get(policy.id)?.has(input.TargetId)) {
        throw new AwsError(
          'PolicyNotAttachedException',
          `Policy ${policy.id} is not attached to ${input.TargetId}.`,
        );
      }
      const sameType = state
        .policiesAttachedTo(input.TargetId)
        .filter(p => p.type === policy.type);
      if (sameType.length <= 1) {
        throw constraintViolation(
          'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
          `Every root, OU and account must keep at least one service control policy; attach another to ${input.TargetId} before detaching ${policy.id}.`,
        );
      }
      state.attachments.get(policy.id)!.delete(input.TargetId);
      return {};
    },

    ListPoliciesForTarget: ({ state }, input) => {
      required(input, 'TargetId', 'Filter');
      if (!targetExists(state, input.TargetId)) {
        throw new AwsError(
          'TargetNotFoundException',
          `Target ${input.TargetId} does not exist.`,
        );
      }
      const policies = state
        .policiesAttachedTo(input.TargetId)
        .filter(p => p.type === input.Filter);
      const { page: items, nextToken } = page(policies.map(summary), input);
      return { Policies: items, NextToken: nextToken };
    },

    ListTargetsForPolicy: ({ state }, input) => {
      required(input, 'PolicyId');
      const policy = getPolicy(state, input.PolicyId);
      const targets = [...(state.attachments.get(policy.id) ?? [])].map(
        targetId => {
          if (targetId === state.rootId) {
            return {
              TargetId: targetId,
              Arn: state.rootArn,
              Name: 'Root',
              Type: 'ROOT',
            };
          }
          const ou = state.ous.get(targetId);
          if (ou) {
            return {
              TargetId: ou.id,
              Arn: ou.arn,
              Name: ou.name,
              Type: 'ORGANIZATIONAL_UNIT',
            };
          }
          const account = state.accounts.get(targetId)!;
          return {
            TargetId: account.id,
            Arn: account.arn,
            Name: account.name,
            Type: 'ACCOUNT',
          };
        },
      );
      const { page: items, nextToken } = page(targets, input);
      return { Targets: items, NextToken: nextToken };
    },
  },
};
