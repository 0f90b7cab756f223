import { accountFacts, projectFacts } from './facts';

const now = new Date('2026-12-07T12:00:00Z');
const inDays = (days: number) =>
  new Date(now.getTime() + days * 86_400_000).toISOString();
const exception = (state: string, endsAt: string, accountId = '200000000011') =>
  ({ project: 'churn', accountId, state, endsAt } as any);
const account = (stage: string, states: string[], controlTower?: object) => ({
  id: stage,
  name: stage,
  stage,
  ouPath: 'Workloads',
  state: 'ok',
  guardrails: states.map(state => ({ state })),
  effectivePermissions: [],
  ...(controlTower ? { controlTower } : {}),
});

describe('projectFacts', () => {
  const layout = {
    project: 'churn',
    takenAt: now.toISOString(),
    accounts: [
      account('dev', ['ok', 'excepted', 'missing'], {
        ouRegistered: true,
        enrolmentPending: true,
      }),
      account('prod', ['drifted', 'non-compliant', 'ok'], {
        ouRegistered: false,
        enrolmentPending: false,
      }),
      account('preprod', ['ok'], {
        ouRegistered: true,
        enrolmentPending: false,
      }),
    ],
    products: [
      {
        accountId: 'dev',
        name: 'studio',
        status: 'AVAILABLE',
        version: '1.0.0',
        latestVersion: '1.1.0',
      },
      {
        accountId: 'dev',
        name: 'pipeline',
        status: 'AVAILABLE',
        version: '2.0.0',
        latestVersion: '2.0.0',
      },
      { accountId: 'dev', name: 'old', status: 'AVAILABLE' },
    ],
  } as any;

  it('counts guardrails, open exceptions, grants, outdated products and unenrolled accounts', () => {
    const facts = projectFacts(
      layout,
      [
        exception('active', inDays(2.5)),
        exception('active', inDays(20)),
        exception('pending', inDays(1)),
        // Ended or decided against: not open.
        exception('active', inDays(-1)),
        exception('rejected', inDays(5)),
        exception('revoked', inDays(5)),
        { ...exception('active', inDays(1)), project: 'other' },
      ],
      [
        { project: 'churn', state: 'active' },
        { project: 'churn', state: 'pending' },
        { project: 'churn', state: 'revoked' },
        { project: 'other', state: 'pending' },
      ] as any,
      { limit: 200, actual: 170 },
      now,
    );
    expect(facts).toEqual({
      guardrailsHolding: 4,
      guardrailsMissing: 1,
      guardrailsDrifted: 1,
      guardrailsNonCompliant: 1,
      openExceptions: 3,
      exceptionsEndingSoon: 1,
      exceptionFewestDaysLeft: 3,
      dataGrantsActive: 1,
      dataGrantsPending: 1,
      sandboxSpendingLimitSet: true,
      productsOutdated: 1,
      accountsNotEnrolled: 2,
    });
  });

  it('says a sandbox lacks its spending limit, and never its spend', () => {
    const facts = projectFacts(layout, [], [], { limit: 0, actual: 3 }, now);
    expect(facts.sandboxSpendingLimitSet).toBe(false);
    expect(JSON.stringify(facts)).not.toMatch(/percent|actual|spend\b/i);
  });

  it('leaves out the spending limit and days left where there is none', () => {
    const facts = projectFacts(layout, [], [], undefined, now);
    expect(facts).not.toHaveProperty('sandboxSpendingLimitSet');
    expect(facts).not.toHaveProperty('exceptionFewestDaysLeft');
    expect(facts.openExceptions).toBe(0);
  });
});

describe('accountFacts', () => {
  const base = { id: '200000000011', name: 'dev', parentId: 'ou', ouPath: 'W' };

  it('holds for ok and excepted; not enrolled where the OU waits or is unregistered', () => {
    const facts = (state: string, controlTower?: any) =>
      accountFacts(
        { ...base, state, managed: true } as any,
        controlTower,
        [exception('pending', inDays(3)), exception('active', inDays(-2))],
        now,
      );
    expect(
      facts('excepted', { registered: true, unenrolledAccounts: false }),
    ).toEqual({
      accountGuardrailState: 'excepted',
      accountGuardrailsHold: true,
      accountManaged: true,
      accountEnrolled: true,
      accountOpenExceptions: 1,
    });
    expect(facts('drifted').accountGuardrailsHold).toBe(false);
    expect(
      facts('ok', { registered: true, unenrolledAccounts: true })
        .accountEnrolled,
    ).toBe(false);
    expect(
      facts('ok', { registered: false, unenrolledAccounts: false })
        .accountEnrolled,
    ).toBe(false);
  });
});
