import {
  closureQuota,
  closureQuotaProblem,
  inClosureWindow,
  retirementTags,
  validateRetirementRequest,
} from './retirement';

describe('retirement', () => {
  it("follows AWS's closure quota: 10 % of member accounts, from 10 to 1,000", () => {
    expect(closureQuota(5)).toBe(10);
    expect(closureQuota(250)).toBe(25);
    expect(closureQuota(50_000)).toBe(1000);
  });

  it('refuses closures past the quota, counting the window, and says how to go on', () => {
    expect(
      closureQuotaProblem({
        memberAccounts: 40,
        closedInWindow: 6,
        toClose: 4,
      }),
    ).toBeUndefined();
    expect(
      closureQuotaProblem({
        memberAccounts: 40,
        closedInWindow: 7,
        toClose: 4,
      }),
    ).toBe(
      "closing 4 account(s) would exceed AWS's quota of 10 closures in 30 days (the suite closed 7 in that time, 3 left); set mlEnvironments.offboarding.closeAccounts to false to suspend them now and close them later",
    );
  });

  it('counts a closure in the window for 30 days', () => {
    const now = new Date('2026-12-31T00:00:00Z');
    expect(inClosureWindow('2026-12-02T00:00:00Z', now)).toBe(true);
    expect(inClosureWindow('2026-11-30T23:59:59Z', now)).toBe(false);
    expect(inClosureWindow(undefined, now)).toBe(false);
  });

  it('asks for a project name and a reason worth auditing', () => {
    expect(
      validateRetirementRequest({
        project: 'churn-prediction',
        reason: 'replaced by v2',
      }),
    ).toEqual([]);
    const problems = validateRetirementRequest({
      project: 'Churn',
      reason: ' done ',
    });
    expect(problems).toHaveLength(2);
    expect(problems[1]).toMatch(/at least 10 characters/);
  });

  it('tags the day of the retirement', () => {
    expect(retirementTags(new Date('2026-12-03T09:30:00Z'))).toEqual({
      'ml-closing-date': '2026-12-03',
    });
  });
});
