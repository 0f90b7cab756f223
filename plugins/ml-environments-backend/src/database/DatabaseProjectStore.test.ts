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

      const done = await store.completeProject('credit-risk', holderTask, [
        { stage: 'dev', accountId: '123456789012' },
      ]);
      expect(done).toMatchObject({
        accounts: [{ stage: 'dev', accountId: '123456789012' }],
      });
      expect(done?.lock).toBeUndefined();
      expect((await store.claimProject(claimOf(other, expected))).kind).toBe(
        'claimed',
      );
      // A transfer in between makes a claim checked against the old owner fail.
      await store.releaseProject('credit-risk', other);
      await store.setOwner('credit-risk', 'group:default/team-fraud');
      expect((await store.claimProject(claimOf(other, expected))).kind).toBe(
        'changed',
      );
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
