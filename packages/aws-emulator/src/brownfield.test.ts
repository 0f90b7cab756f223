import { brownfieldSeed } from './brownfield.ts';
import { loadSeed } from './seed.ts';

describe('the brownfield seed', () => {
  const state = loadSeed(brownfieldSeed());
  const depthOf = (ouId: string) => state.pathTo(ouId).length - 1;

  it('is a company-sized organization: 1,000 accounts, 60+ OUs up to five deep, 40+ SCPs', () => {
    expect(state.accounts.size).toBe(1000);
    expect(state.ous.size).toBeGreaterThanOrEqual(60);
    expect(Math.max(...[...state.ous.keys()].map(depthOf))).toBe(5);
    const scps = [...state.policies.values()].filter(
      p => p.name !== 'FullAWSAccess',
    );
    expect(scps.length).toBeGreaterThanOrEqual(40);
    expect(
      scps.filter(p => p.name.startsWith('aws-guardrails-')).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('holds what the suite must live with: untagged, suspended and Root accounts, and its own projects', () => {
    const accounts = [...state.accounts.values()];
    const untagged = accounts.filter(a => !a.tags['ml-project']);
    expect(untagged.length).toBeGreaterThan(900);
    expect(accounts.some(a => a.state === 'SUSPENDED')).toBe(true);
    expect(
      accounts.filter(
        a => a.parentId === state.rootId && a.id !== state.managementAccountId,
      ).length,
    ).toBeGreaterThan(1);
    const projects = new Set(
      accounts.map(a => a.tags['ml-project']).filter(Boolean),
    );
    expect(projects.size).toBeGreaterThanOrEqual(30);
    // Invited accounts, two of them the suite's projects, have no
    // OrganizationAccountAccessRole.
    const invited = accounts.filter(a => a.joinedMethod === 'INVITED');
    expect(invited.length).toBeGreaterThan(2);
    expect(invited.every(a => a.roleName === '')).toBe(true);
    expect(invited.filter(a => a.tags['ml-project']).map(a => a.name)).toEqual([
      'legacy-ml-07-sandbox',
      'legacy-ml-21-sandbox',
    ]);
  });

  it("has not done the suite's Service Catalog setup: no trusted access, no delegated administrator, no OU share", () => {
    expect(state.trustedServices.size).toBe(0);
    expect(state.delegatedAdministrators.size).toBe(0);
    expect(state.portfolios.size).toBe(1);
    expect(
      state.portfolioShares.filter(share => share.type !== 'ACCOUNT'),
    ).toEqual([]);
  });

  it('uses the condition operators of AWS example SCPs, policy variables included', () => {
    const text = [...state.policies.values()].map(p => p.content).join('\n');
    for (const operator of [
      'NotIpAddress',
      'ArnLike',
      'DateLessThan',
      'Null',
      'ForAnyValue:StringNotLike',
      'NumericGreaterThan',
      '${aws:PrincipalOrgID}',
    ]) {
      expect(text).toContain(operator);
    }
  });

  it('is the same organization for the same size and seed', () => {
    const again = loadSeed(brownfieldSeed());
    expect([...again.accounts.values()].map(a => a.name)).toEqual(
      [...state.accounts.values()].map(a => a.name),
    );
    expect(loadSeed(brownfieldSeed({ accounts: 1500 })).accounts.size).toBe(
      1500,
    );
  });
});
