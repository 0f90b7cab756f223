import { mockServices } from '@backstage/backend-test-utils';
import { StatusNotifier } from './StatusNotifier';

// The alerts a snapshot yields, set by each step of the test.
let alerts: any[] = [];
jest.mock('@mlgov/plugin-ml-environments-common', () => ({
  ...jest.requireActual('@mlgov/plugin-ml-environments-common'),
  guardrailAlerts: () => alerts,
}));

const MISSING = {
  key: '200000000013/require-vpc',
  kind: 'guardrail',
  project: 'churn-prediction',
  owner: 'group:default/team-churn',
  account: 'churn-prediction-prod (prod)',
  guardrail: 'Require a VPC',
  state: 'missing',
  reason: 'not attached',
};

/** The alert store's once-per-change record, in memory. */
function memoryAlerts() {
  let notified: Map<string, { state: string; project: string }> | undefined;
  return {
    notified: async () => notified,
    baseline: async (current: any[]) => {
      notified = new Map(current.map(a => [a.key, a]));
    },
    raise: async (a: any) => {
      notified!.set(a.key, { state: a.state, project: a.project });
      return true;
    },
    resolve: async (key: string) => notified!.delete(key),
  };
}

describe('StatusNotifier settle time', () => {
  it('tells a change only once it has lasted, and never a change that went away first', async () => {
    let now = 0;
    const sent: any[] = [];
    const notifier = new StatusNotifier({
      store: memoryAlerts() as any,
      notifications: { send: async (m: any) => void sent.push(m) } as any,
      records: {
        ownersByProject: async () =>
          new Map([['churn-prediction', 'group:default/team-churn']]),
      },
      baseline: {} as any,
      parameters: {} as any,
      logger: mockServices.logger.mock(),
      settleMs: 5 * 60_000,
      now: () => now,
    });
    const snapshot = {} as any;
    alerts = [];
    await notifier.notify(snapshot); // the baseline

    // A provisioning run's passing gap: seen, gone within a minute.
    alerts = [MISSING];
    await notifier.notify(snapshot);
    now += 60_000;
    alerts = [];
    await notifier.notify(snapshot);
    now += 10 * 60_000;
    await notifier.notify(snapshot);
    expect(sent).toEqual([]);

    // A gap that stays: told once it has lasted five minutes, once.
    alerts = [MISSING];
    await notifier.notify(snapshot);
    now += 4 * 60_000;
    await notifier.notify(snapshot);
    expect(sent).toEqual([]);
    now += 60_000;
    await notifier.notify(snapshot);
    now += 60_000;
    await notifier.notify(snapshot);
    expect(sent.map(m => m.payload.title)).toEqual([
      'churn-prediction: 1 guardrail problem(s)',
    ]);

    // Its fix is news only once it holds, too.
    alerts = [];
    await notifier.notify(snapshot);
    expect(sent).toHaveLength(1);
    now += 5 * 60_000;
    await notifier.notify(snapshot);
    expect(sent.map(m => m.payload.title)).toEqual([
      'churn-prediction: 1 guardrail problem(s)',
      'churn-prediction: 1 resolved',
    ]);
  });
});
