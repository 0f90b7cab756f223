/**
 * Organizations' service control policies, split out of shared.ts: the
 * AWS-managed FullAWSAccess policy, content validation, creation, attachment
 * with its quota, look-up and summary; the seed loader uses them too.
 */
import { AwsError, constraintViolation } from '../../errors.ts';
import { ids } from '../../ids.ts';
import type { EmulatorState, PolicyRecord, Tags } from '../../state.ts';
import {
  FULL_AWS_ACCESS_ID,
  MAX_SCP_CHARACTERS,
  SCP,
  validateTags,
} from './validation.ts';

export function attachFullAwsAccess(state: EmulatorState, targetId: string) {
  if (state.scpEnabled) {
    state.attach(FULL_AWS_ACCESS_ID, targetId);
  }
}

export function ensureFullAwsAccessPolicy(state: EmulatorState) {
  if (state.policies.has(FULL_AWS_ACCESS_ID)) return;
  state.policies.set(FULL_AWS_ACCESS_ID, {
    id: FULL_AWS_ACCESS_ID,
    arn: `arn:aws:organizations::aws:policy/service_control_policy/${FULL_AWS_ACCESS_ID}`,
    name: 'FullAWSAccess',
    description: 'Allows access to every operation',
    type: SCP,
    awsManaged: true,
    content: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    }),
    tags: {},
  });
}

export function validatePolicyContent(content: string) {
  if (content.length > MAX_SCP_CHARACTERS) {
    throw constraintViolation(
      'POLICY_CONTENT_LIMIT_EXCEEDED',
      `The policy is ${content.length} characters; service control policies may have at most ${MAX_SCP_CHARACTERS}.`,
    );
  }
  let document: any;
  try {
    document = JSON.parse(content);
  } catch (error) {
    throw new AwsError(
      'MalformedPolicyDocumentException',
      `The provided policy document does not meet the requirements of the specified policy type: ${
        (error as Error).message
      }`,
    );
  }
  const statements = [document?.Statement ?? []].flat();
  const wellFormed =
    document?.Version === '2012-10-17' &&
    statements.length > 0 &&
    statements.every(
      (s: any) =>
        (s.Effect === 'Allow' || s.Effect === 'Deny') &&
        (s.Action !== undefined || s.NotAction !== undefined) &&
        s.Principal === undefined &&
        s.NotPrincipal === undefined,
    );
  if (!wellFormed) {
    throw new AwsError(
      'MalformedPolicyDocumentException',
      'The provided policy document does not meet the requirements of the specified policy type: it needs Version 2012-10-17 and statements with Effect and Action or NotAction, and no Principal.',
    );
  }
}

export function createPolicy(
  state: EmulatorState,
  fields: {
    name: string;
    description: string;
    content: string;
    type?: string;
    tags?: Tags;
  },
): PolicyRecord {
  const type = fields.type ?? SCP;
  if (type !== SCP) {
    throw new AwsError(
      'PolicyTypeNotAvailableForOrganizationException',
      `The emulator supports only ${SCP} policies.`,
    );
  }
  validatePolicyContent(fields.content);
  if (
    [...state.policies.values()].some(
      p => p.type === type && p.name === fields.name,
    )
  ) {
    throw new AwsError(
      'DuplicatePolicyException',
      `A policy named ${fields.name} already exists.`,
    );
  }
  validateTags(fields.tags ?? {});
  const id = ids.policy();
  const policy: PolicyRecord = {
    id,
    arn: `${state.organizationArnPrefix}:policy/${state.organizationId}/service_control_policy/${id}`,
    name: fields.name,
    description: fields.description,
    type,
    awsManaged: false,
    content: fields.content,
    tags: { ...fields.tags },
  };
  state.policies.set(id, policy);
  return policy;
}

export function targetExists(state: EmulatorState, targetId: string) {
  return (
    targetId === state.rootId ||
    state.ous.has(targetId) ||
    state.accounts.has(targetId)
  );
}

export function attachPolicy(
  state: EmulatorState,
  maxPerTarget: number,
  policyId: string,
  targetId: string,
) {
  const policy = state.policies.get(policyId);
  if (!policy) {
    throw new AwsError(
      'PolicyNotFoundException',
      `Policy ${policyId} does not exist.`,
    );
  }
  if (!targetExists(state, targetId)) {
    throw new AwsError(
      'TargetNotFoundException',
      `Target ${targetId} does not exist.`,
    );
  }
  if (!state.scpEnabled) {
    throw new AwsError(
      'PolicyTypeNotEnabledException',
      `${SCP} is not enabled on the root; call EnablePolicyType first.`,
    );
  }
  if (state.attachments.get(policyId)?.has(targetId)) {
    throw new AwsError(
      'DuplicatePolicyAttachmentException',
      `Policy ${policyId} is already attached to ${targetId}.`,
    );
  }
  const attached = state
    .policiesAttachedTo(targetId)
    .filter(p => p.type === policy.type);
  if (attached.length >= maxPerTarget) {
    throw constraintViolation(
      'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      `Target ${targetId} already has ${attached.length} service control policies attached directly; the quota is ${maxPerTarget}.`,
    );
  }
  state.attach(policyId, targetId);
}

export function summary(policy: PolicyRecord) {
  return {
    Id: policy.id,
    Arn: policy.arn,
    Name: policy.name,
    Description: policy.description,
    Type: policy.type,
    AwsManaged: policy.awsManaged,
  };
}

export function getPolicy(state: EmulatorState, id: string) {
  const policy = state.policies.get(id);
  if (!policy) {
    throw new AwsError(
      'PolicyNotFoundException',
      `Policy ${id} does not exist.`,
    );
  }
  return policy;
}
