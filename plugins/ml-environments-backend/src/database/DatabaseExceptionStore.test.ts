import { TestDatabaseId } from '@backstage/backend-test-utils';
import { storeDatabases } from './__testUtils__/databases';
import { DatabaseExceptionStore } from './DatabaseExceptionStore';

const { databases, migrated } = storeDatabases();

async function storeOn(id: TestDatabaseId) {
  return new DatabaseExceptionStore((await migrated(id)).knex);
}

const DAY = 86_400_000;
const now = new Date('2026-12-02T12:00:00.000Z');
const at = (days: number) => new Date(now.getTime() + days * DAY);
const ask = (id: string, endsInDays: number) => ({
  id,
  project: 'churn-prediction',
  accountId: '200000000011',
  guardrailId: 'deny-sagemaker-hosting',
  reason: 'One real-time endpoint for the board demo',
  endsAt: at(endsInDays).toISOString(),
  requestedBy: 'user:default/guest',
});
const uuid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe.each(databases.eachSupportedId())(
  'DatabaseExceptionStore on %p',
  id => {
    it('derives active and expired from the end, and decides each exception once', async () => {
      const store = await storeOn(id);
      await store.add(ask(uuid(1), 10), now);
      await store.add(ask(uuid(2), 1), now);
      const by = { by: 'user:default/ada' };
      expect(
        (await store.move(uuid(1), ['pending'], 'approved', { ...by, at: now }))
          ?.state,
      ).toBe('active');
      // A second decision of the same request (another replica, a double click).
      expect(
        await store.move(uuid(1), ['pending'], 'rejected', { ...by, at: now }),
      ).toBeUndefined();
      await store.move(uuid(2), ['pending'], 'approved', { ...by, at: now });

      const later = at(2);
      expect(
        (await store.list({ state: 'active' }, later)).map(e => e.id),
      ).toEqual([uuid(1)]);
      expect(
        (await store.list({ state: 'expired' }, later)).map(e => e.id),
      ).toEqual([uuid(2)]);
      expect((await store.exemptions(later)).map(e => e.exceptionId)).toEqual([
        uuid(1),
      ]);
    });

    it('lists what AWS must still be brought to: carve-outs to apply and ended ones to remove, each marked once', async () => {
      const store = await storeOn(id);
      const by = { by: 'user:default/ada' };
      await store.add(ask(uuid(1), 10), now);
      await store.add(ask(uuid(2), 1), now);
      await store.add(ask(uuid(3), 10), now);
      await store.add(ask(uuid(4), 10), now);
      await store.move(uuid(1), ['pending'], 'approved', { ...by, at: now });
      await store.move(uuid(2), ['pending'], 'approved', { ...by, at: now });
      await store.move(uuid(3), ['pending', 'approved'], 'revoked', {
        ...by,
        at: now,
      });

      const later = at(2);
      const unsettled = async () =>
        (await store.unsettled(later)).map(e => [e.id, e.state]).sort();
      expect(await unsettled()).toEqual([
        [uuid(1), 'active'],
        [uuid(2), 'expired'],
        [uuid(3), 'revoked'],
      ]);
      await store.markApplied([uuid(1)], later);
      expect(await store.markRemoved([uuid(2), uuid(3)], later)).toEqual([
        uuid(2),
        uuid(3),
      ]);
      expect(await store.markRemoved([uuid(2)], later)).toEqual([]);
      expect(await unsettled()).toEqual([]);
      // The pending one is untouched.
      expect((await store.get(uuid(4), later))?.state).toBe('pending');
    });

    it('sends each reminder once, and no 7-day reminder after the 1-day one', async () => {
      const store = await storeOn(id);
      await store.add(ask(uuid(1), 30), now);
      expect(await store.remind(uuid(1), '7d')).toBe(true);
      expect(await store.remind(uuid(1), '7d')).toBe(false);
      expect(await store.remind(uuid(1), '1d')).toBe(true);
      expect(await store.remind(uuid(1), '1d')).toBe(false);
      expect(await store.remind(uuid(1), '7d')).toBe(false);
    });
  },
);
