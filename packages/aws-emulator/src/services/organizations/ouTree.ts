/**
 * The organization tree, split out of shared.ts: OU ARNs, creating OUs,
 * entity paths, the root's and OUs' AWS shapes, parent and OU look-ups and
 * tags of any resource; the seed loader uses them too.
 */
import { AwsError, constraintViolation, invalidInput } from '../../errors.ts';
import { ids } from '../../ids.ts';
import type { EmulatorState, OuRecord, Tags } from '../../state.ts';
import { MAX_OU_DEPTH, SCP, validateTags } from './validation.ts';
import { attachFullAwsAccess } from './policyRules.ts';

export function ouArn(state: EmulatorState, ouId: string) {
  return `${state.organizationArnPrefix}:ou/${state.organizationId}/${ouId}`;
}

export function createOu(
  state: EmulatorState,
  parentId: string,
  name: string,
  tags: Tags = {},
): OuRecord {
  if (!state.isParent(parentId)) {
    throw new AwsError(
      'ParentNotFoundException',
      `Parent ${parentId} does not exist.`,
    );
  }
  if (name === undefined || name.length < 1 || name.length > 128) {
    throw invalidInput(
      'MAX_LENGTH_EXCEEDED',
      'Name must be 1 to 128 characters.',
    );
  }
  if (
    [...state.ous.values()].some(
      ou => ou.parentId === parentId && ou.name === name,
    )
  ) {
    throw new AwsError(
      'DuplicateOrganizationalUnitException',
      `An OU named ${name} already exists in ${parentId}.`,
    );
  }
  if (state.depthOf(parentId) + 1 > MAX_OU_DEPTH) {
    throw constraintViolation(
      'OU_DEPTH_LIMIT_EXCEEDED',
      `You cannot nest OUs more than ${MAX_OU_DEPTH} levels below the root.`,
    );
  }
  validateTags(tags);
  const id = ids.ou(state.rootId);
  const ou = { id, arn: ouArn(state, id), name, parentId, tags: { ...tags } };
  state.ous.set(id, ou);
  attachFullAwsAccess(state, id);
  return ou;
}

/**
 * Where an entity sits, as Organizations writes it: the organization, the
 * root and each OU down to it, e.g. `o-abc/r-ab12/ou-ab12-11111111/`.
 */
export function entityPath(state: EmulatorState, id: string) {
  return `${[state.organizationId, ...state.pathTo(id)].join('/')}/`;
}

export function describeOu(state: EmulatorState, ou: OuRecord) {
  return {
    Id: ou.id,
    Arn: ou.arn,
    Name: ou.name,
    Path: entityPath(state, ou.id),
  };
}

export function describeRoot(state: EmulatorState) {
  return {
    Id: state.rootId,
    Arn: state.rootArn,
    Name: 'Root',
    PolicyTypes: state.scpEnabled ? [{ Type: SCP, Status: 'ENABLED' }] : [],
  };
}

export function getOu(state: EmulatorState, id: string) {
  const ou = state.ous.get(id);
  if (!ou) {
    throw new AwsError(
      'OrganizationalUnitNotFoundException',
      `Organizational unit ${id} does not exist.`,
    );
  }
  return ou;
}

export function getParent(state: EmulatorState, id: string) {
  if (!state.isParent(id)) {
    throw new AwsError(
      'ParentNotFoundException',
      `Parent ${id} does not exist.`,
    );
  }
}

export function tagsOf(state: EmulatorState, resourceId: string): Tags {
  if (resourceId === state.rootId) return state.rootTags;
  const resource =
    state.ous.get(resourceId) ??
    state.accounts.get(resourceId) ??
    state.policies.get(resourceId);
  if (!resource) {
    throw new AwsError(
      'TargetNotFoundException',
      `Resource ${resourceId} does not exist.`,
    );
  }
  return resource.tags;
}
