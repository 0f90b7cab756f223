import { TestDatabaseId } from '@backstage/backend-test-utils';
import { storeDatabases } from './__testUtils__/databases';
import { DatabaseProjectStore } from './DatabaseProjectStore';

const { databases, migrated } = storeDatabases();

async function storeOn(id: TestDatabaseId) {
  return new DatabaseProjectStore((await migrated(id)).knex);
}

const hour = () => new Date(Date.now() + 3_600_000);
const claimOf = (
  taskId: string,
  expected?: { owner: string; pattern: any },
) => ({
  project: 'credit-risk',
  taskId,
  by: 'user:default/guest',
  lockUntil: hour(),
  expected,
  create: { owner: 'group:default/team-churn', pattern: 'mlops' as const },
});

describe('DatabaseProjectStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps the Studio profiles the suite made, per project, on %s',
    async id => {
      const store = await storeOn(id);
      await store.recordStudioProfiles('credit-risk', ['guest', 'ada']);
      await store.recordStudioProfiles('credit-risk', ['guest']);
      await store.recordStudioProfiles('other', ['bob']);
      expect(await store.studioProfilesMade('credit-risk')).toEqual([
        'ada',
        'guest',
      ]);
      await store.forgetStudioProfiles('credit-risk', ['ada']);
      expect(await store.studioProfilesMade('credit-risk')).toEqual(['guest']);
      expect(await store.studioProfilesMade('other')).toEqual(['bob']);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets one of two concurrent tasks create a project and hold it on %s',
    async id => {
      const store = await storeOn(id);
      const results = await Promise.all([
        store.claimProject(claimOf('task-a')),
        store.claimProject(claimOf('task-b')),
      ]);
      expect(results.map(r => r.kind).sort()).toEqual(['changed', 'claimed']);

      const expected = { owner: 'group:default/team-churn', pattern: 'mlops' };
      const holder = results.find(r => r.kind === 'claimed')!;
      const holderTask =
        holder.kind === 'claimed' ? holder.record.lock!.taskId : '';
      const other = holderTask === 'task-a' ? 'task-b' : 'task-a';
      expect(await store.claimProject(claimOf(other, expected))).toMatchObject({
        kind: 'locked',
        lock: { taskId: holderTask },
      });
      // The holder itself resumes (a recovered task has the same id).
      expect(
        (await store.claimProject(claimOf(holderTask, expected))).kind,
      ).toBe('claimed');

      const holderLock = { taskId: holderTask, by: 'user:default/guest' };
      // The same task id for another user holds nothing.
      expect(
        await store.completeProject(
          'credit-risk',
          { taskId: holderTask, by: 'user:default/mallory' },
          [{ stage: 'dev', accountId: '123456789012' }],
        ),
      ).toEqual({ kind: 'not-held' });
      expect(
        await store.releaseProject('credit-risk', {
          taskId: holderTask,
          by: 'user:default/mallory',
        }),
      ).toBe(false);
      expect(
        (
          await store.claimProject({
            ...claimOf(holderTask, expected),
            by: 'user:default/mallory',
          })
        ).kind,
      ).toBe('locked');
      const done = await store.completeProject('credit-risk', holderLock, [
        { stage: 'dev', accountId: '123456789012' },
      ]);
      expect(done).toMatchObject({
        kind: 'completed',
        record: { accounts: [{ stage: 'dev', accountId: '123456789012' }] },
      });
      expect(done.kind === 'completed' && done.record.lock).toBeUndefined();
      expect((await store.claimProject(claimOf(other, expected))).kind).toBe(
        'claimed',
      );
      // A transfer in between makes a claim checked against the old owner fail.
      await store.releaseProject('credit-risk', {
        taskId: other,
        by: 'user:default/guest',
      });
      await store.setOwner('credit-risk', 'group:default/team-fraud');
      expect((await store.claimProject(claimOf(other, expected))).kind).toBe(
        'changed',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps an account in at most one live project, whoever asks, on %s',
    async id => {
      const store = await storeOn(id);
      const record = (project: string, accountId: string) => ({
        project,
        pattern: 'sandbox' as const,
        owner: 'group:default/team-churn',
        accounts: [{ stage: 'sandbox' as const, accountId }],
        origin: 'adopted' as const,
        createdBy: 'user:default/admin',
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      });
      expect(await store.insertProject(record('lab-a', '111111111111'))).toBe(
        true,
      );
      // Adopting another project with the same account is refused whole.
      expect(await store.insertProject(record('lab-b', '111111111111'))).toBe(
        false,
      );
      expect(await store.getProject('lab-b')).toBeUndefined();

      const claimed = await store.claimProject({
        ...claimOf('task-c'),
        project: 'heist',
      });
      expect(claimed.kind).toBe('claimed');
      const lock = { taskId: 'task-c', by: 'user:default/guest' };
      expect(
        await store.completeProject('heist', lock, [
          { stage: 'dev', accountId: '222222222222' },
          { stage: 'prod', accountId: '111111111111' },
        ]),
      ).toEqual({
        kind: 'taken',
        owners: [{ accountId: '111111111111', project: 'lab-a' }],
      });
      // Nothing of the refused completion stays: no account, still held.
      expect(await store.getProject('heist')).toMatchObject({
        accounts: [],
        lock: { taskId: 'task-c' },
      });
      expect(
        await store.accountOwners([{ accountId: '222222222222' }]),
      ).toEqual([]);

      // A retired project's accounts are free for the record again.
      await store.claimRetirement({
        project: 'lab-a',
        taskId: 'task-r',
        by: 'user:default/admin',
        lockUntil: hour(),
        expectedOwner: 'group:default/team-churn',
        retirement: {
          state: 'retiring',
          reason: 'done',
          requestedBy: 'user:default/admin',
          requestedAt: new Date().toISOString(),
          accounts: [],
        },
      });
      await store.completeRetirement('lab-a', 'task-r', [], new Date());
      expect(
        await store.accountOwners([{ accountId: '111111111111' }]),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the refresh lease once per interval on %s',
    async id => {
      const store = await storeOn(id);
      const t0 = new Date('2026-12-01T10:00:00Z');
      const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
      const tries = await Promise.all(
        Array.from({ length: 5 }, () => store.tryStartRefresh(t0, 60_000)),
      );
      expect(tries.filter(t => t.started)).toHaveLength(1);
      expect(await store.tryStartRefresh(at(20), 60_000)).toEqual({
        started: false,
        retryAfterMs: 40_000,
      });
      expect(await store.tryStartRefresh(at(60), 60_000)).toEqual({
        started: true,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the audit trail newest first, per project, on %s',
    async id => {
      const store = await storeOn(id);
      for (const [n, project] of [
        [1, 'a-project'],
        [2, 'b-project'],
        [3, 'a-project'],
      ] as const) {
        await store.appendAudit({
          at: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(),
          actor: 'user:default/guest',
          project,
          action: 'transfer',
          detail: { n },
        });
      }
      const entries = await store.listAudit({
        project: 'a-project',
        limit: 10,
      });
      expect(entries.map(e => e.detail)).toEqual([{ n: 3 }, { n: 1 }]);
      expect(await store.listAudit({ limit: 1 })).toHaveLength(1);
    },
  );
});
