import { DataGrant } from '@mlgov/plugin-ml-environments-common';
import { StoredRedaction } from '../../../database/DataGrantStore';
import { DataGrantPolicy } from './DataGrantPolicy';
import { sameRedaction, tighterBy } from './grantClassification';

const open: StoredRedaction = {
  sensitive: false,
  tables: ['stores', 'regions'],
  withheld: [],
  withheldTables: [],
  devStage: true,
};
const pii: StoredRedaction = {
  ...open,
  sensitive: true,
  withheld: [{ table: 'stores', columns: ['name'] }],
};

describe('a grant classified again before it is applied', () => {
  it('says how the classification now asks more, and only then', () => {
    expect(tighterBy(open, pii, 'stores')).toBe(
      'The classification of stores changed after the request: it is now classified sensitive, so two data owners approve (none of the project owner group); now withheld: stores.name.',
    );
    expect(tighterBy(pii, pii, 'stores')).toBeUndefined();
    // Less withheld asks nothing more.
    expect(tighterBy(pii, open, 'stores')).toBeUndefined();
    // A row from before classifications were recorded: sensitive now is a change.
    expect(tighterBy(undefined, pii, 'stores')).toContain(
      'now classified sensitive',
    );
    expect(tighterBy(undefined, open, 'stores')).toBeUndefined();
  });

  it('stores what it read when tables, PII or the stage differ', () => {
    expect(
      sameRedaction(open, { ...open, tables: ['regions', 'stores'] }),
    ).toBe(true);
    expect(sameRedaction(open, { ...open, tables: ['stores'] })).toBe(false);
    expect(sameRedaction({ ...open, devStage: undefined }, open)).toBe(false);
    expect(sameRedaction(undefined, open)).toBe(false);
  });

  it('takes no stored classification as needing two approvals (fail closed)', () => {
    const policy = new DataGrantPolicy({
      dataLake: {
        accountId: '100000000011',
        ownerGroups: ['group:default/data-owners'],
        selfService: [],
        accessCacheTtlMs: 0,
      },
      clients: { forAccount: jest.fn() },
      records: { requireActive: jest.fn(), recordOrNotFound: jest.fn() },
      store: { get: jest.fn(), setRedaction: jest.fn() },
    });
    const grant = { id: 'g', database: 'stores' } as DataGrant;
    expect(policy.approvalsNeeded(grant)).toBe(2);
    Object.defineProperty(grant, 'redaction', { value: open });
    expect(policy.approvalsNeeded(grant)).toBe(1);
  });
});
