// IAM's resource types: roles with their inline and managed policies, inline
// policies and customer managed policies, kept in state.iamRoles and
// state.iamManagedPolicies (the policy simulator does not read them yet).
import { AwsError } from '../../errors.ts';
import { randomString } from '../../ids.ts';
import type { IamRoleRecord } from '../../stateResources.ts';
import {
  type ResourceType,
  type StackEnv,
  generatedName,
  tagMap,
  tagsFor,
} from './resourceHelpers.ts';

const NAME = /^[\w+=,.@-]{1,64}$/;

const noSuchEntity = (message: string) =>
  new AwsError('NoSuchEntity', message, { status: 404 });

function roleNamed(env: StackEnv, name: string): IamRoleRecord {
  const role = [...env.state.iamRoles.values()].find(
    r => r.accountId === env.accountId && r.name === name,
  );
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

function attachable(env: StackEnv, arn: string) {
  if (/^arn:aws:iam::aws:policy\//.test(arn)) return;
  if (!env.state.iamManagedPolicies.has(arn)) {
    throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  }
}

/** Users and groups are not modelled: a policy for them fails clearly. */
function rolesOnly(props: any) {
  if (props.Users?.length || props.Groups?.length) {
    throw new AwsError(
      'ValidationError',
      'The emulator attaches policies to roles only (Users and Groups are not modelled).',
    );
  }
}

const ROLE: ResourceType = {
  serviceName: 'Iam',
  properties: [
    'AssumeRolePolicyDocument',
    'RoleName',
    'Path',
    'Policies',
    'ManagedPolicyArns',
    'MaxSessionDuration',
    'PermissionsBoundary',
    'Description',
    'Tags',
  ],
  required: ['AssumeRolePolicyDocument'],
  call: (props, env) => ({
    service: 'iam',
    operation: 'CreateRole',
    input: { ...props, Tags: tagsFor(env, props.Tags) },
  }),
  create: (props, env, logicalId) => {
    const { state, accountId } = env;
    const name: string = props.RoleName ?? generatedName(env, logicalId, 64);
    if (!NAME.test(name))
      throw new AwsError(
        'ValidationError',
        `RoleName ${name} must be 1 to 64 of [\\w+=,.@-].`,
      );
    if (
      [...state.iamRoles.values()].some(
        r => r.accountId === accountId && r.name === name,
      )
    ) {
      throw new AwsError(
        'EntityAlreadyExists',
        `Role with name ${name} already exists.`,
        { status: 409 },
      );
    }
    const managed: string[] = props.ManagedPolicyArns ?? [];
    managed.forEach(arn => attachable(env, arn));
    const path = props.Path ?? '/';
    const role: IamRoleRecord = {
      name,
      arn: `arn:aws:iam::${accountId}:role${path}${name}`,
      roleId: `AROA${randomString(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      accountId,
      path,
      assumeRolePolicyDocument: props.AssumeRolePolicyDocument,
      inlinePolicies: new Map(
        (props.Policies ?? []).map((p: any) => [
          p.PolicyName,
          p.PolicyDocument,
        ]),
      ),
      managedPolicyArns: [...managed],
      tags: tagMap(tagsFor(env, props.Tags)),
      createdAt: new Date(),
    };
    state.iamRoles.set(role.arn, role);
    return {
      ref: name,
      attributes: { Arn: role.arn, RoleId: role.roleId },
      remove: () => {
        state.iamRoles.delete(role.arn);
        return undefined;
      },
    };
  },
};

const POLICY: ResourceType = {
  serviceName: 'Iam',
  properties: ['PolicyName', 'PolicyDocument', 'Roles', 'Users', 'Groups'],
  required: ['PolicyName', 'PolicyDocument'],
  call: props => ({
    service: 'iam',
    operation: 'PutRolePolicy',
    input: {
      PolicyName: props.PolicyName,
      PolicyDocument: props.PolicyDocument,
      RoleName: props.Roles?.[0],
    },
  }),
  create: (props, env, logicalId) => {
    rolesOnly(props);
    if (!props.Roles?.length) {
      throw new AwsError(
        'ValidationError',
        'At least one of [Groups,Roles,Users] must be non-empty.',
      );
    }
    const roles = (props.Roles as string[]).map(name => roleNamed(env, name));
    for (const role of roles)
      role.inlinePolicies.set(props.PolicyName, props.PolicyDocument);
    return {
      ref: generatedName(env, logicalId, 64),
      attributes: {},
      remove: () => {
        for (const role of roles) role.inlinePolicies.delete(props.PolicyName);
        return undefined;
      },
    };
  },
};

const MANAGED_POLICY: ResourceType = {
  serviceName: 'Iam',
  properties: [
    'PolicyDocument',
    'ManagedPolicyName',
    'Description',
    'Path',
    'Roles',
    'Users',
    'Groups',
  ],
  required: ['PolicyDocument'],
  call: (props, env) => ({
    service: 'iam',
    operation: 'CreatePolicy',
    input: {
      PolicyName: props.ManagedPolicyName,
      PolicyDocument: props.PolicyDocument,
      Tags: tagsFor(env, []),
    },
  }),
  create: (props, env, logicalId) => {
    rolesOnly(props);
    const name: string =
      props.ManagedPolicyName ?? generatedName(env, logicalId, 128);
    const arn = `arn:aws:iam::${env.accountId}:policy${
      props.Path ?? '/'
    }${name}`;
    if (env.state.iamManagedPolicies.has(arn)) {
      throw new AwsError(
        'EntityAlreadyExists',
        `A policy called ${name} already exists. Duplicate names are not allowed.`,
        { status: 409 },
      );
    }
    const roles = ((props.Roles ?? []) as string[]).map(r => roleNamed(env, r));
    env.state.iamManagedPolicies.set(arn, {
      name,
      arn,
      accountId: env.accountId,
      document: props.PolicyDocument,
      createdAt: new Date(),
    });
    for (const role of roles) role.managedPolicyArns.push(arn);
    return {
      ref: arn,
      attributes: { PolicyArn: arn },
      remove: () => {
        for (const role of roles)
          role.managedPolicyArns = role.managedPolicyArns.filter(
            a => a !== arn,
          );
        env.state.iamManagedPolicies.delete(arn);
        return undefined;
      },
    };
  },
};

export const IAM_TYPES: Record<string, ResourceType> = {
  'AWS::IAM::Role': ROLE,
  'AWS::IAM::Policy': POLICY,
  'AWS::IAM::ManagedPolicy': MANAGED_POLICY,
};
