import { seededRandom } from '../../limits.ts';
import type { EmulatorState } from '../../state.ts';

/** A day as Cost Explorer writes it: `YYYY-MM-DD` in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** FNV-1a: a stable 32-bit seed from a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * What an account spent on a day, in USD cents: the same account and day
 * always cost the same (seeded by both, never by the clock). Each account has
 * its own level between 5 and 60 USD a day, varies by up to 30 % a day and
 * spends less at weekends, as a team's training jobs do. Nothing after
 * today (UTC) is billed; an account of the organization is billed for any
 * earlier day (seeded accounts stand for accounts older than the emulator).
 */
export function dailyCostCents(
  state: EmulatorState,
  accountId: string,
  day: string,
  today: string,
): number {
  if (!state.accounts.has(accountId) || day > today) {
    return 0;
  }
  const level = 5 + seededRandom(hash(accountId))() * 55;
  const variation = 0.7 + seededRandom(hash(`${accountId}/${day}`))() * 0.6;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1;
  return Math.round(level * variation * weekend * 100);
}

/** A part of an account's cost of a day, with the tags of what incurred it. */
export interface CostLine {
  cents: number;
  tags: Record<string, string>;
}

/**
 * An account's cost of a day by what incurred it: the seeded cost split in
 * equal parts between the provisioned products in the account (with their
 * tags, as cost allocation tags) and the account's own untagged usage, plus
 * the usage posted through POST /_emulator/usage. In an account shared by
 * projects (the model registries of Team Shared Services), the tags are
 * what tells one project's cost from another's.
 */
export function costLines(
  state: EmulatorState,
  accountId: string,
  day: string,
  today: string,
): CostLine[] {
  const lines: CostLine[] = [];
  const seeded = dailyCostCents(state, accountId, day, today);
  if (seeded > 0) {
    const products = [...state.provisionedProducts.values()].filter(
      p => p.accountId === accountId,
    );
    const part = Math.floor(seeded / (products.length + 1));
    for (const product of products) {
      lines.push({
        cents: part,
        tags: Object.fromEntries(product.tags.map(t => [t.Key, t.Value])),
      });
    }
    lines.push({ cents: seeded - part * products.length, tags: {} });
  }
  for (const charge of state.usageCharges) {
    if (charge.accountId === accountId && charge.day === day && day <= today) {
      lines.push({ cents: charge.cents, tags: charge.tags });
    }
  }
  return lines;
}

/** The days from `start` (inclusive) to `end` (exclusive), as `YYYY-MM-DD`. */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (
    let day = new Date(`${start}T00:00:00Z`);
    isoDay(day) < end;
    day = new Date(day.getTime() + 86_400_000)
  ) {
    days.push(isoDay(day));
  }
  return days;
}

/** USD from cents, as Cost Explorer and Budgets write amounts. */
export function usd(cents: number): string {
  return (cents / 100).toFixed(2);
}

/**
 * An account's spend this month until today and Budgets' forecast for the
 * month (the month-to-date daily average over the whole month).
 */
export function monthSpend(
  state: EmulatorState,
  accountId: string,
  now: Date,
): { actualCents: number; forecastCents: number } {
  const today = isoDay(now);
  const first = `${today.slice(0, 8)}01`;
  const nextMonth = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
  );
  const days = daysBetween(first, isoDay(nextMonth));
  const elapsed = days.filter(day => day <= today);
  const actualCents = elapsed.reduce(
    (sum, day) =>
      sum +
      costLines(state, accountId, day, today).reduce(
        (daySum, line) => daySum + line.cents,
        0,
      ),
    0,
  );
  const forecastCents = Math.round(
    (actualCents / elapsed.length) * days.length,
  );
  return { actualCents, forecastCents };
}
