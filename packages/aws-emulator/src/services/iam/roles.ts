// IAM's role API, as much as an account baseline needs: CreateRole, GetRole,
// PutRolePolicy and GetRolePolicy. A role made here is judged by its inline
// policies (none: every call denied), unlike the roles stacks make, which
// stay records only; the roles seeded by name (the suite's member role,
// Organizations' access role) answer GetRole too.
import type { CallContext, Handlers } from '../../context.ts';
import { AwsError } from '../../errors.ts';
import { randomString } from '../../ids.ts';
import type { IdentityPolicy } from '../../state.ts';
import type { IamRoleRecord } from '../../stateResources.ts';
import { roleExists } from './index.ts';

const NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ROLE_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const noSuchRole = (name: string) =>
  new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, {
    status: 404,
  });

function checkName(name: unknown, what = 'roleName', pattern = NAME) {
  if (typeof name !== 'string' || !pattern.test(name)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${String(
        name ?? '',
      )}' at '${what}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
}

function policyDocument(text: unknown, what: string): any {
  try {
    const document = JSON.parse(String(text));
    if (!document || typeof document !== 'object' || !document.Statement) {
      throw new Error('no Statement');
    }
    return document;
  } catch {
    throw new AwsError(
      'MalformedPolicyDocument',
      `${what} is not a JSON policy document with a Statement.`,
    );
  }
}

const arnOf = (accountId: string, name: string) =>
  `arn:aws:iam::${accountId}:role/${name}`;

/** The role's record: one the API or a stack made, or one for a seeded role. */
function roleRecord({ state, caller }: CallContext, name: string) {
  const arn = arnOf(caller.accountId, name);
  const own = [...state.iamRoles.values()].find(
    r => r.accountId === caller.accountId && r.name === name,
  );
  if (own) return own;
  if (!roleExists(state, caller.accountId, name)) throw noSuchRole(name);
  const seeded: IamRoleRecord = {
    name,
    arn,
    roleId: `AROA${randomString(17, ROLE_ID_CHARS)}`,
    accountId: caller.accountId,
    path: '/',
    assumeRolePolicyDocument: {},
    inlinePolicies: new Map(),
    managedPolicyArns: [],
    tags: {},
    createdAt: new Date(),
  };
  state.iamRoles.set(arn, seeded);
  return seeded;
}

function roleView(role: IamRoleRecord) {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createdAt,
    AssumeRolePolicyDocument: encodeURIComponent(
      JSON.stringify(role.assumeRolePolicyDocument),
    ),
    Tags: Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

export const roleMutations: ReadonlySet<string> = new Set([
  'CreateRole',
  'PutRolePolicy',
]);

export function roleHandlers(): Handlers {
  return {
    CreateRole: (ctx, input) => {
      const { state, caller } = ctx;
      checkName(input.RoleName);
      const trust = policyDocument(
        input.AssumeRolePolicyDocument,
        'AssumeRolePolicyDocument',
      );
      if (
        roleExists(state, caller.accountId, input.RoleName) ||
        [...state.iamRoles.values()].some(
          r => r.accountId === caller.accountId && r.name === input.RoleName,
        )
      ) {
        throw new AwsError(
          'EntityAlreadyExists',
          `Role with name ${input.RoleName} already exists.`,
          { status: 409 },
        );
      }
      const role: IamRoleRecord = {
        name: input.RoleName,
        arn: arnOf(caller.accountId, input.RoleName),
        roleId: `AROA${randomString(17, ROLE_ID_CHARS)}`,
        accountId: caller.accountId,
        path: '/',
        assumeRolePolicyDocument: trust,
        inlinePolicies: new Map(),
        managedPolicyArns: [],
        tags: Object.fromEntries(
          (input.Tags ?? []).map((t: any) => [t.Key, t.Value]),
        ),
        createdAt: new Date(),
      };
      state.iamRoles.set(role.arn, role);
      // No policy yet: the role may do nothing.
      state.principalPolicies.set(role.arn, []);
      return { Role: roleView(role) };
    },

    GetRole: (ctx, input) => {
      checkName(input.RoleName);
      return { Role: roleView(roleRecord(ctx, input.RoleName)) };
    },

    PutRolePolicy: (ctx, input) => {
      checkName(input.RoleName);
      checkName(input.PolicyName, 'policyName', POLICY_NAME);
      const role = roleRecord(ctx, input.RoleName);
      const document = policyDocument(input.PolicyDocument, 'PolicyDocument');
      role.inlinePolicies.set(input.PolicyName, document);
      // The role's calls are judged by its inline policies from now on.
      ctx.state.principalPolicies.set(role.arn, [
        ...role.inlinePolicies.values(),
      ] as IdentityPolicy[]);
      return {};
    },

    GetRolePolicy: (ctx, input) => {
      checkName(input.RoleName);
      const role = roleRecord(ctx, input.RoleName);
      const document = role.inlinePolicies.get(input.PolicyName);
      if (!document) {
        throw new AwsError(
          'NoSuchEntity',
          `The role policy with name ${input.PolicyName} cannot be found.`,
          { status: 404 },
        );
      }
      return {
        RoleName: role.name,
        PolicyName: input.PolicyName,
        PolicyDocument: encodeURIComponent(JSON.stringify(document)),
      };
    },
  };
}
