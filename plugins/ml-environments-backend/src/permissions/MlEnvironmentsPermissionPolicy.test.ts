import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
  createPermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  MlProjectRecord,
  mlEnvironmentsExceptionApprovePermission,
  mlEnvironmentsPermissions,
  mlProjectExceptionRequestPermission,
  mlProjectExceptionRevokePermission,
  mlEnvironmentsRefreshPermission,
  mlOrganizationChangePermission,
  mlEnvironmentsStatusReadPermission,
  mlProjectProvisionPermission,
  mlProjectStudioUrlPermission,
  mlProjectTransferPermission,
  mlProjectRetirePermission,
  mlEnvironmentsDataAccessApprovePermission,
  mlProjectDataAccessRequestPermission,
  mlProjectDataAccessRevokePermission,
} from '@mlgov/plugin-ml-environments-common';
import { mlProjectPermissionRules } from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsPermissionPolicy } from './MlEnvironmentsPermissionPolicy';

const groupsOf: Record<string, string[]> = {
  'user:default/guest': ['group:default/team-churn'],
  'user:default/mallory': ['group:default/team-fraud'],
  'user:default/admin': ['group:default/platform-team'],
};

const policy = new MlEnvironmentsPermissionPolicy({
  adminGroups: ['group:default/platform-team'],
  userInfo: mockServices.userInfo.mock({
    getUserInfo: async (credentials: any) => {
      const ref = credentials.principal.userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...groupsOf[ref]],
      };
    },
  }),
});

const userOf = (ref: string) =>
  ({ credentials: mockCredentials.user(ref), info: {} } as any);

const churn: MlProjectRecord = {
  project: 'churn-prediction',
  pattern: 'mlops',
  owner: 'group:default/team-churn',
  accounts: [],
  origin: 'provisioned',
  createdBy: 'user:default/guest',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

// The same evaluation the backend makes on a conditional decision.
const applies = createConditionAuthorizer(
  Object.values(mlProjectPermissionRules),
);

async function decide(permission: any, user: string): Promise<PolicyDecision> {
  return policy.handle({ permission }, userOf(user));
}

describe('MlEnvironmentsPermissionPolicy', () => {
  it.each([
    mlProjectProvisionPermission,
    mlProjectStudioUrlPermission,
    mlProjectExceptionRequestPermission,
  ])(
    '$name: allows the owner group and denies everyone else, on the record',
    async permission => {
      const owner = await decide(permission, 'user:default/guest');
      const other = await decide(permission, 'user:default/mallory');
      const admin = await decide(permission, 'user:default/admin');
      expect(owner.result).toBe(AuthorizeResult.CONDITIONAL);
      expect(applies(owner, churn)).toBe(true);
      expect(applies(other, churn)).toBe(false);
      expect(applies(admin, churn)).toBe(false);
      // Same user, a project of another group.
      expect(
        applies(owner, { ...churn, owner: 'group:default/team-fraud' }),
      ).toBe(false);
    },
  );

  it.each([
    mlProjectTransferPermission,
    mlEnvironmentsRefreshPermission,
    mlOrganizationChangePermission,
  ])('$name: administrators only', async permission => {
    expect((await decide(permission, 'user:default/admin')).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await decide(permission, 'user:default/guest')).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets approvers (administrators unless configured) decide exceptions, and owners or approvers revoke them', async () => {
    expect(
      (
        await decide(
          mlEnvironmentsExceptionApprovePermission,
          'user:default/admin',
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (
        await decide(
          mlEnvironmentsExceptionApprovePermission,
          'user:default/guest',
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
    const approvers = new MlEnvironmentsPermissionPolicy({
      adminGroups: ['group:default/platform-team'],
      approverGroups: ['group:default/team-fraud'],
      userInfo: mockServices.userInfo.mock({
        getUserInfo: async (credentials: any) => ({
          userEntityRef: credentials.principal.userEntityRef,
          ownershipEntityRefs: groupsOf[credentials.principal.userEntityRef],
        }),
      }),
    });
    const decideWith = async (permission: any, user: string) =>
      (await approvers.handle({ permission }, userOf(user))).result;
    expect(
      await decideWith(
        mlEnvironmentsExceptionApprovePermission,
        'user:default/mallory',
      ),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await decideWith(
        mlEnvironmentsExceptionApprovePermission,
        'user:default/admin',
      ),
    ).toBe(AuthorizeResult.DENY);

    expect(
      await decideWith(
        mlProjectExceptionRevokePermission,
        'user:default/mallory',
      ),
    ).toBe(AuthorizeResult.ALLOW);
    const owner = await decide(
      mlProjectExceptionRevokePermission,
      'user:default/guest',
    );
    expect(applies(owner, churn)).toBe(true);
    expect(
      applies(owner, { ...churn, owner: 'group:default/team-fraud' }),
    ).toBe(false);
  });

  it('lets owners and administrators retire a project, and nobody else', async () => {
    expect(
      (await decide(mlProjectRetirePermission, 'user:default/admin')).result,
    ).toBe(AuthorizeResult.ALLOW);
    const owner = await decide(mlProjectRetirePermission, 'user:default/guest');
    expect(applies(owner, churn)).toBe(true);
    const outsider = await decide(
      mlProjectRetirePermission,
      'user:default/mallory',
    );
    expect(applies(outsider, churn)).toBe(false);
  });

  it('lets data owners (administrators unless configured) decide data access, owners ask and revoke', async () => {
    const dataOwners = new MlEnvironmentsPermissionPolicy({
      adminGroups: ['group:default/platform-team'],
      dataOwnerGroups: ['group:default/team-fraud'],
      userInfo: mockServices.userInfo.mock({
        getUserInfo: async (credentials: any) => ({
          userEntityRef: credentials.principal.userEntityRef,
          ownershipEntityRefs: groupsOf[credentials.principal.userEntityRef],
        }),
      }),
    });
    const decideWith = async (permission: any, user: string) =>
      dataOwners.handle({ permission }, userOf(user));
    expect(
      (
        await decideWith(
          mlEnvironmentsDataAccessApprovePermission,
          'user:default/mallory',
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    for (const user of ['user:default/admin', 'user:default/guest']) {
      expect(
        (await decideWith(mlEnvironmentsDataAccessApprovePermission, user))
          .result,
      ).toBe(AuthorizeResult.DENY);
    }
    expect(
      (
        await decide(
          mlEnvironmentsDataAccessApprovePermission,
          'user:default/admin',
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    const ask = await decideWith(
      mlProjectDataAccessRequestPermission,
      'user:default/guest',
    );
    expect(applies(ask, churn)).toBe(true);
    expect(
      applies(
        await decideWith(
          mlProjectDataAccessRequestPermission,
          'user:default/admin',
        ),
        churn,
      ),
    ).toBe(false);
    expect(
      (
        await decideWith(
          mlProjectDataAccessRevokePermission,
          'user:default/mallory',
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('lets everyone signed in read the organization, and nobody anonymous', async () => {
    expect(
      (await decide(mlEnvironmentsStatusReadPermission, 'user:default/mallory'))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle({ permission: mlEnvironmentsStatusReadPermission }))
        .result,
    ).toBe(AuthorizeResult.DENY);
  });

  it("decides each of the suite's permissions, and refuses one it does not know", async () => {
    for (const permission of mlEnvironmentsPermissions) {
      const decision = await decide(permission, 'user:default/guest');
      expect([
        AuthorizeResult.ALLOW,
        AuthorizeResult.DENY,
        AuthorizeResult.CONDITIONAL,
      ]).toContain(decision.result);
    }
    const future = createPermission({
      name: 'ml-environments.project.delete',
      attributes: { action: 'delete' },
    });
    expect((await decide(future, 'user:default/admin')).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it("leaves other plugins' permissions to the company's policy", async () => {
    const other = createPermission({
      name: 'catalog.entity.delete',
      attributes: { action: 'delete' },
    });
    expect((await decide(other, 'user:default/guest')).result).toBe(
      AuthorizeResult.ALLOW,
    );
    const strict = new MlEnvironmentsPermissionPolicy({
      adminGroups: [],
      userInfo: mockServices.userInfo.mock(),
      otherPermissions: {
        handle: async () => ({ result: AuthorizeResult.DENY }),
      },
    });
    expect(
      (await strict.handle({ permission: other }, userOf('user:default/guest')))
        .result,
    ).toBe(AuthorizeResult.DENY);
  });
});
