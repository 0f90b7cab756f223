import { AwsError } from '../../errors.ts';
import type { CallContext, Handlers } from '../../context.ts';
import { dailyCostCents, daysBetween, isoDay, usd } from './costs.ts';

const invalid = (message: string) =>
  new AwsError('ValidationException', message);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The accounts the caller may see: every account of the organization from
 * the management account, only its own from a member account (as Cost
 * Explorer scopes a linked account's view), narrowed by a LINKED_ACCOUNT filter.
 */
function visibleAccounts(ctx: CallContext, filter: any): string[] {
  const { state, caller } = ctx;
  const own =
    caller.accountId === state.managementAccountId
      ? [...state.accounts.keys()]
      : [caller.accountId];
  if (!filter) return own.sort();
  const dimension = filter.Dimensions;
  if (
    Object.keys(filter).length !== 1 ||
    dimension?.Key !== 'LINKED_ACCOUNT' ||
    !Array.isArray(dimension.Values)
  ) {
    throw invalid(
      'The emulator filters only on Dimensions LINKED_ACCOUNT: Filter must be { Dimensions: { Key: LINKED_ACCOUNT, Values: [...] } }.',
    );
  }
  return own.filter(id => dimension.Values.includes(id)).sort();
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
  const groupBy: any[] = input.GroupBy ?? [];
  if (
    groupBy.length > 2 ||
    groupBy.some(g => g.Type !== 'DIMENSION' || g.Key !== 'LINKED_ACCOUNT')
  ) {
    throw invalid(
      'GroupBy may only be [{ Type: DIMENSION, Key: LINKED_ACCOUNT }] in the emulator.',
    );
  }
  return { start: Start, end: End, grouped: groupBy.length > 0 };
}

/** The operations below that change state: none, Cost Explorer only reads. */
export const costExplorerMutations: ReadonlySet<string> = new Set();

export function costExplorerHandlers(): Handlers {
  return {
    GetCostAndUsage: (ctx, input) => {
      const { start, end, grouped } = checkInput(input);
      const accounts = visibleAccounts(ctx, input.Filter);
      const today = isoDay(new Date());
      const amount = (cents: number) => ({
        UnblendedCost: { Amount: usd(cents), Unit: 'USD' },
      });
      const ResultsByTime = periods(start, end, input.Granularity).map(
        period => {
          const last = period.days[period.days.length - 1];
          const next = isoDay(
            new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000),
          );
          const byAccount = accounts.map(id => ({
            id,
            cents: period.days.reduce(
              (sum, day) => sum + dailyCostCents(ctx.state, id, day, today),
              0,
            ),
          }));
          const total = byAccount.reduce((sum, a) => sum + a.cents, 0);
          return {
            TimePeriod: { Start: period.start, End: next },
            Total: grouped ? {} : amount(total),
            Groups: grouped
              ? byAccount
                  .filter(a => a.cents > 0)
                  .map(a => ({ Keys: [a.id], Metrics: amount(a.cents) }))
              : [],
            // Today's and later figures may still change.
            Estimated: last >= today,
          };
        },
      );
      return {
        GroupDefinitions: grouped
          ? [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }]
          : [],
        ResultsByTime,
        DimensionValueAttributes: grouped
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
