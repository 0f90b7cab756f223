import { dataGrantAccess } from './dataGrantAccess';

const ROLE = 'arn:aws:iam::200000000011:role/studio-execution';
const read = (over: object = {}) => ({
  link: 'sales_link',
  linkOk: true,
  rolesGranted: [ROLE],
  rolesMissing: [],
  ...over,
});
const of = (r: Parameters<typeof dataGrantAccess>[3]) =>
  dataGrantAccess('200000000011', 'sales', 'sales_link', r);

describe('dataGrantAccess', () => {
  it('is in sync when the link and every role grant are there', () => {
    expect(of(read())).toEqual({
      link: 'sales_link',
      state: 'in-sync',
      problems: [],
      roles: [ROLE],
    });
  });

  it('says which role lacks its grant, and what to do', () => {
    const access = of(read({ rolesGranted: [], rolesMissing: [ROLE] }));
    expect(access.state).toBe('drift');
    expect(access.problems).toEqual([
      `${ROLE} may not read sales_link (its DESCRIBE or the tables' SELECT is missing): ask for the database again (Create → Request data-lake access, same account): the suite applies an active grant again and makes what is missing`,
    ]);
  });

  it('names a missing link once, not each role behind it', () => {
    const access = of(
      read({ linkOk: false, rolesGranted: [], rolesMissing: [ROLE] }),
    );
    expect(access.problems).toHaveLength(1);
    expect(access.problems[0]).toMatch(
      /^The resource link sales_link to sales is missing in 200000000011/,
    );
  });

  it('is drift when the account has no Studio role to grant to', () => {
    expect(of(read({ rolesGranted: [] })).problems).toEqual([
      expect.stringContaining('has no Studio execution role'),
    ]);
  });

  it('is unknown when AWS could not be read', () => {
    expect(of({ error: 'Rate exceeded' })).toEqual({
      link: 'sales_link',
      state: 'unknown',
      problems: [
        'Lake Formation in 200000000011 could not be read: Rate exceeded',
      ],
    });
  });
});
