import { mockCredentials } from '@backstage/backend-test-utils';
import { ProjectProvisioning } from './ProjectProvisioning';

const TASK = { actor: { subject: 'plugin:scaffolder' } };

describe('ProjectProvisioning.complete', () => {
  function provisioningWith(verifyProblems: string[] = []) {
    const recorded: Array<[string, string[]]> = [];
    const audits: unknown[][] = [];
    const released: unknown[] = [];
    const provisioning = new ProjectProvisioning({
      store: {
        accountOwners: async () => [],
        completeProject: async (
          _project: string,
          _lock: unknown,
          accounts: unknown,
        ) => ({
          kind: 'completed',
          record: { project: 'credit-risk', accounts } as any,
        }),
        releaseProject: async (...args: unknown[]) => {
          released.push(args);
          return true;
        },
        recordStudioProfiles: async (project: string, profiles: string[]) => {
          recorded.push([project, profiles]);
        },
      } as any,
      access: {
        taskUserOf: async (credentials: any) => ({
          ref: credentials.principal.userEntityRef,
        }),
      } as any,
      records: {
        recordOrNotFound: async () => ({
          project: 'credit-risk',
          owner: 'group:default/team-churn',
          lock: { taskId: 'task-1', by: 'user:default/guest' },
        }),
        audit: async (...args: unknown[]) => {
          audits.push(args);
        },
        accountProblems: async () => verifyProblems,
      } as any,
      adoption: { ready: async () => {} },
    });
    return { provisioning, recorded, audits, released };
  }
  const accounts = [{ stage: 'dev' as const, accountId: '123456789012' }];

  it("records the task's accounts and, as the suite's own, the Studio profiles it ensured", async () => {
    const { provisioning, recorded, audits } = provisioningWith();
    await provisioning.complete(
      mockCredentials.user('user:default/guest', TASK),
      'credit-risk',
      'task-1',
      accounts,
      ['guest', 'ada'],
    );
    expect(recorded).toEqual([['credit-risk', ['guest', 'ada']]]);
    expect(audits).toEqual([
      [
        'user:default/guest',
        'credit-risk',
        'provision.complete',
        { taskId: 'task-1', accounts, studioProfiles: ['guest', 'ada'] },
      ],
    ]);

    // Another task's completion, or the same task id for another user, records nothing.
    for (const [who, taskId] of [
      ['user:default/guest', 'task-2'],
      ['user:default/mallory', 'task-1'],
    ]) {
      await expect(
        provisioning.complete(
          mockCredentials.user(who, TASK),
          'credit-risk',
          taskId,
          accounts,
          ['mallory'],
        ),
      ).rejects.toThrow(
        `Task ${taskId}, for ${who}, does not hold ML project credit-risk`,
      );
    }
    expect(recorded).toHaveLength(1);
  });

  it('refuses accounts that AWS does not show as the project’s, records nothing and lets go', async () => {
    const { provisioning, recorded, audits, released } = provisioningWith([
      'account 123456789012 is tagged ml-project=churn-prediction, not ml-project=credit-risk',
    ]);
    await expect(
      provisioning.complete(
        mockCredentials.user('user:default/guest', TASK),
        'credit-risk',
        'task-1',
        accounts,
      ),
    ).rejects.toThrow(
      'ML project credit-risk was not given these accounts, because account 123456789012 is tagged ml-project=churn-prediction, not ml-project=credit-risk',
    );
    expect(recorded).toEqual([]);
    expect(released).toEqual([
      ['credit-risk', { taskId: 'task-1', by: 'user:default/guest' }],
    ]);
    expect(audits[0][2]).toBe('provision.refused');
  });
});
