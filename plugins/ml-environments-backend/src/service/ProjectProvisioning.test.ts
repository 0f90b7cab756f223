import { mockCredentials } from '@backstage/backend-test-utils';
import { ProjectProvisioning } from './ProjectProvisioning';

describe('ProjectProvisioning.complete', () => {
  it("records the task's accounts and, as the suite's own, the Studio profiles it ensured", async () => {
    const recorded: Array<[string, string[]]> = [];
    const audits: unknown[] = [];
    const provisioning = new ProjectProvisioning({
      store: {
        completeProject: async (
          _project: string,
          _taskId: string,
          accounts: unknown,
        ) => ({ project: 'credit-risk', accounts } as any),
        recordStudioProfiles: async (project: string, profiles: string[]) => {
          recorded.push([project, profiles]);
        },
      } as any,
      access: { userOf: async () => ({ ref: 'user:default/guest' }) } as any,
      records: {
        recordOrNotFound: async () => ({ lock: { taskId: 'task-1' } }),
        audit: async (...args: unknown[]) => {
          audits.push(args);
        },
      } as any,
    });
    const accounts = [{ stage: 'dev' as const, accountId: '123456789012' }];
    await provisioning.complete(
      mockCredentials.user('user:default/guest'),
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

    // Another task's completion records nothing.
    await expect(
      provisioning.complete(
        mockCredentials.user('user:default/guest'),
        'credit-risk',
        'task-2',
        accounts,
        ['mallory'],
      ),
    ).rejects.toThrow('Task task-2 does not hold ML project credit-risk');
    expect(recorded).toHaveLength(1);
  });
});
