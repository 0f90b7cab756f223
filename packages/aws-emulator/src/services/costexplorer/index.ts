import { AwsError } from '../../errors.ts';
import type { CallContext, Handlers } from '../../context.ts';
import { costLines, daysBetween, isoDay, usd } from './costs.ts';
import type { CostLine } from './costs.ts';

const invalid = (message: string) =>
  new AwsError('ValidationException', message);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SERVED_FILTERS =
  'The emulator filters only on { Dimensions: { Key: LINKED_ACCOUNT, Values } }, { Tags: { Key, Values } } (MatchOptions EQUALS) or an And of one of each';

interface Narrowing {
  accounts?: string[];
  tag?: { key: string; values: string[] };
}

/** One filter expression the emulator serves, into what it narrows. */
function expression(filter: any, into: Narrowing) {
  const keys = Object.keys(filter ?? {});
  const dimension = filter?.Dimensions;
  const tags = filter?.Tags;
  if (
    keys.length === 1 &&
    dimension?.Key === 'LINKED_ACCOUNT' &&
    Array.isArray(dimension.Values) &&
    !into.accounts
  ) {
    into.accounts = dimension.Values;
    return;
  }
  if (
    keys.length === 1 &&
    typeof tags?.Key === 'string' &&
    tags.Key.length > 0 &&
    Array.isArray(tags.Values) &&
    (tags.MatchOptions ?? ['EQUALS']).every((m: string) => m === 'EQUALS') &&
    !into.tag
  ) {
    into.tag = { key: tags.Key, values: tags.Values };
    return;
  }
  throw invalid(`${SERVED_FILTERS}; got ${JSON.stringify(filter)}.`);
}

function narrowing(filter: any): Narrowing {
  const into: Narrowing = {};
  if (!filter) return into;
  if (Object.keys(filter).length === 1 && Array.isArray(filter.And)) {
    if (filter.And.length !== 2) {
      throw invalid(`${SERVED_FILTERS}: And takes two expressions.`);
    }
    filter.And.forEach((e: any) => expression(e, into));
    return into;
  }
  expression(filter, into);
  return into;
}

/**
 * The accounts the caller may see: every account of the organization from
 * the management account, only its own from a member account (as Cost
 * Explorer scopes a linked account's view), narrowed by a LINKED_ACCOUNT filter.
 */
function visibleAccounts(ctx: CallContext, only?: string[]): string[] {
  const { state, caller } = ctx;
  const own =
    caller.accountId === state.managementAccountId
      ? [...state.accounts.keys()]
      : [caller.accountId];
  return own.filter(id => !only || only.includes(id)).sort();
}

/** The periods a result is split into: days, or calendar months cut to the range. */
function periods(start: string, end: string, granularity: string) {
  const days = daysBetween(start, end);
  if (granularity === 'DAILY') {
    return days.map(day => ({ start: day, days: [day] }));
  }
  const months = new Map<string, string[]>();
  for (const day of days) {
    const month = day.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), day]);
  }
  return [...months.values()].map(inMonth => ({
    start: inMonth[0],
    days: inMonth,
  }));
}

type GroupDefinition = { Type: 'DIMENSION' | 'TAG'; Key: string };

function checkInput(input: any) {
  const { Start, End } = input.TimePeriod ?? {};
  if (!DAY.test(Start ?? '') || !DAY.test(End ?? '') || Start >= End) {
    throw invalid(
      'TimePeriod needs Start and End as YYYY-MM-DD with Start before End (End is exclusive).',
    );
  }
  if (!['DAILY', 'MONTHLY'].includes(input.Granularity)) {
    throw invalid(
      `Granularity ${input.Granularity} is not served: use DAILY or MONTHLY.`,
    );
  }
  const metrics: unknown[] = input.Metrics ?? [];
  if (metrics.length === 0 || metrics.some(m => m !== 'UnblendedCost')) {
    throw invalid('Metrics must be [UnblendedCost] in the emulator.');
  }
  const groupBy: GroupDefinition[] = input.GroupBy ?? [];
  if (
    groupBy.length > 2 ||
    groupBy.some(
      g =>
        !(g.Type === 'DIMENSION' && g.Key === 'LINKED_ACCOUNT') &&
        !(g.Type === 'TAG' && typeof g.Key === 'string' && g.Key.length > 0),
    )
  ) {
    throw invalid(
      'GroupBy may only hold up to two of { Type: DIMENSION, Key: LINKED_ACCOUNT } and { Type: TAG, Key: <tag key> } in the emulator.',
    );
  }
  return { start: Start, end: End, groupBy };
}

/** A group's keys as Cost Explorer writes them: an account id, or `key$value` (`key$` untagged). */
function groupKeys(
  groupBy: GroupDefinition[],
  accountId: string,
  line: CostLine,
) {
  return groupBy.map(g =>
    g.Type === 'TAG' ? `${g.Key}$${line.tags[g.Key] ?? ''}` : accountId,
  );
}

/** The operations below that change state: none, Cost Explorer only reads. */
export const costExplorerMutations: ReadonlySet<string> = new Set();

export function costExplorerHandlers(): Handlers {
  return {
    GetCostAndUsage: (ctx, input) => {
      const { start, end, groupBy } = checkInput(input);
      const only = narrowing(input.Filter);
      const accounts = visibleAccounts(ctx, only.accounts);
      const today = isoDay(new Date());
      const amount = (cents: number) => ({
        UnblendedCost: { Amount: usd(cents), Unit: 'USD' },
      });
      const tagged = (line: CostLine) =>
        !only.tag ||
        (line.tags[only.tag.key] !== undefined &&
          only.tag.values.includes(line.tags[only.tag.key]));
      const grouped = groupBy.length > 0;
      const ResultsByTime = periods(start, end, input.Granularity).map(
        period => {
          const last = period.days[period.days.length - 1];
          const next = isoDay(
            new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000),
          );
          const groups = new Map<string, { keys: string[]; cents: number }>();
          let total = 0;
          for (const id of accounts) {
            for (const day of period.days) {
              for (const line of costLines(ctx.state, id, day, today)) {
                if (!tagged(line)) continue;
                total += line.cents;
                const keys = groupKeys(groupBy, id, line);
                const group = groups.get(keys.join('\n')) ?? { keys, cents: 0 };
                group.cents += line.cents;
                groups.set(keys.join('\n'), group);
              }
            }
          }
          return {
            TimePeriod: { Start: period.start, End: next },
            Total: grouped ? {} : amount(total),
            Groups: grouped
              ? [...groups.values()]
                  .filter(g => g.cents > 0)
                  .map(g => ({ Keys: g.keys, Metrics: amount(g.cents) }))
              : [],
            // Today's and later figures may still change.
            Estimated: last >= today,
          };
        },
      );
      const byAccount = groupBy.some(g => g.Type === 'DIMENSION');
      return {
        GroupDefinitions: groupBy,
        ResultsByTime,
        DimensionValueAttributes: byAccount
          ? accounts.map(id => ({
              Value: id,
              Attributes: {
                description: ctx.state.accounts.get(id)?.name ?? id,
              },
            }))
          : [],
      };
    },
  };
}
