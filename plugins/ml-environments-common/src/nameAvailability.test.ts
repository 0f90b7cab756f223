import { nameAvailability } from './nameAvailability';

const CHURN = 'group:default/team-churn';
const base = { taggedAccountIds: [], userGroups: [CHURN] };

describe('nameAvailability', () => {
  it('frees a valid name nobody has, and refuses an invalid one in words', () => {
    expect(nameAvailability({ ...base, name: 'demand-forecast' })).toEqual({
      available: true,
      reason: "'demand-forecast' is free",
    });
    const bad = nameAvailability({ ...base, name: 'Demand Forecast' });
    expect(bad).toMatchObject({ available: false, kind: 'invalid' });
    expect(bad.reason).not.toMatch(/\^|\$|\[a-z/);
  });

  it('refuses a name AWS accounts carry without a record, though no record exists', () => {
    expect(
      nameAvailability({
        ...base,
        name: 'demand-forecast',
        taggedAccountIds: ['220000000011'],
      }),
    ).toEqual({
      available: false,
      kind: 'unrecorded-accounts',
      reason:
        'The name demand-forecast is taken: AWS accounts 220000000011 are tagged ml-project=demand-forecast but the suite has no record of that project; choose another name, or ask an administrator to adopt it',
    });
  });

  it("lets the owner team re-run its project, and refuses another team's and a retired one", () => {
    const record = { owner: CHURN, pattern: 'mlops' as const };
    expect(
      nameAvailability({ ...base, name: 'churn-prediction', record }),
    ).toMatchObject({ available: true });
    expect(
      nameAvailability({
        ...base,
        name: 'churn-prediction',
        record,
        userGroups: ['group:default/team-fraud'],
      }),
    ).toEqual({
      available: false,
      kind: 'other-team',
      reason: `'churn-prediction' is ${CHURN}'s project: choose another name`,
    });
    expect(
      nameAvailability({
        ...base,
        name: 'forecast-lab',
        record: {
          ...record,
          retirement: {
            state: 'retired',
            reason: 'done',
            requestedBy: 'user:default/guest',
            requestedAt: '2026-12-01T10:00:00.000Z',
            accounts: [],
          },
        },
      }),
    ).toMatchObject({ available: false, kind: 'retired' });
  });
});
