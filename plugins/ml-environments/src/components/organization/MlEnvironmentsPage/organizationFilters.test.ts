import { organization } from '../../__testUtils__/fixtures';
import {
  accountMatches,
  ageOf,
  filterChoices,
  flattenOus,
  ouMatches,
} from './organizationFilters';

describe('organization filters', () => {
  const ous = flattenOus(organization.root);
  const allAccounts = ous.flatMap(ou => ou.accounts);

  it('flattens the OU tree depth first', () => {
    expect(ous.map(o => o.path)).toEqual([
      '',
      'Workloads',
      'Workloads/Workloads_Dev',
      'Workloads/Workloads_PreProd',
    ]);
    expect(allAccounts).toHaveLength(4);
  });

  it('keeps the OUs with a guardrail in the chosen state', () => {
    expect(
      ous.filter(o => ouMatches(o, { state: 'missing' })).map(o => o.path),
    ).toEqual(['Workloads/Workloads_PreProd']);
  });

  it('keeps the OUs holding an account of the chosen project or pattern', () => {
    expect(
      ous
        .filter(o => ouMatches(o, { project: 'churn-prediction' }))
        .map(o => o.path),
    ).toEqual(['Workloads/Workloads_Dev', 'Workloads/Workloads_PreProd']);
    expect(
      ous.filter(o => ouMatches(o, { pattern: 'dev' })).map(o => o.path),
    ).toEqual(['Workloads/Workloads_Dev']);
  });

  it('matches accounts on every filter at once', () => {
    const accounts = allAccounts;
    expect(
      accounts
        .filter(a => accountMatches(a, { state: 'missing', pattern: 'mlops' }))
        .map(a => a.name),
    ).toEqual(['fraud-detection-prod', 'churn-prediction-preprod']);
  });

  it('offers the patterns and projects found in the organization', () => {
    expect(filterChoices(allAccounts)).toEqual({
      patterns: ['dev', 'mlops'],
      projects: ['churn-prediction', 'fraud-detection', 'vision'],
    });
  });

  it('tells the snapshot age', () => {
    const takenAt = '2026-11-27T01:00:00.000Z';
    const at = (ms: number) => Date.parse(takenAt) + ms;
    expect(ageOf(takenAt, at(42_000))).toBe('42 s ago');
    expect(ageOf(takenAt, at(5 * 60_000))).toBe('5 min ago');
    expect(ageOf(takenAt, at(5 * 3600_000))).toBe('5 h ago');
  });
});
