import {
  DatasetClassification,
  LfTags,
  isDevStage,
  isSensitiveDataset,
  redactionFor,
} from './sensitiveData';

const tagged = (classification?: string): LfTags =>
  classification ? { classification } : {};
const columns = (spec: Record<string, string | undefined>) =>
  Object.entries(spec).map(([name, c]) => ({ name, tags: tagged(c) }));

/** As the demo data lake's sales: PII columns on orders only. */
const sales: DatasetClassification = {
  database: 'sales',
  tags: tagged('internal'),
  tables: [
    {
      name: 'orders',
      tags: tagged('internal'),
      columns: columns({
        order_id: 'internal',
        customer_email: 'confidential',
        shipping_address: 'confidential',
      }),
    },
    {
      name: 'returns',
      tags: tagged('internal'),
      columns: columns({ return_id: 'internal', reason: 'internal' }),
    },
  ],
};

describe('sensitive data', () => {
  it('withholds the PII columns of a sensitive dataset from dev and sandbox accounts only', () => {
    expect(isSensitiveDataset(sales)).toBe(true);
    for (const stage of ['dev', 'sandbox']) {
      const redaction = redactionFor(sales, stage);
      expect(redaction.withheld).toEqual([
        { table: 'orders', columns: ['customer_email', 'shipping_address'] },
      ]);
      expect(redaction.withheldTables).toEqual([]);
      expect(redaction.reason).toBe(
        `PII (Lake Formation tag classification=confidential) stays out of ${stage} accounts: they receive a redacted view`,
      );
    }
    expect(redactionFor(sales, 'prod')).toEqual({
      sensitive: true,
      withheld: [],
      withheldTables: [],
    });
    expect(isDevStage('preprod')).toBe(false);
  });

  it('leaves out a table whose every column is PII, or that is sensitive with no columns known', () => {
    const customers: DatasetClassification = {
      database: 'customers',
      tags: tagged('confidential'),
      tables: [
        {
          name: 'customers',
          tags: tagged('confidential'),
          columns: columns({ email: 'confidential', phone: 'restricted' }),
        },
        { name: 'notes', tags: tagged('confidential'), columns: [] },
        {
          name: 'labels',
          tags: tagged('internal'),
          columns: columns({ id: 'internal' }),
        },
      ],
    };
    const redaction = redactionFor(customers, 'dev');
    expect(redaction.withheldTables).toEqual(['customers', 'notes']);
    expect(redaction.withheld).toEqual([]);
    expect(redaction.reason).toContain(
      'classification=confidential, restricted',
    );
  });

  it('finds nothing sensitive in an unclassified or public dataset', () => {
    const stores: DatasetClassification = {
      database: 'stores',
      tags: tagged('public'),
      tables: [
        {
          name: 'stores',
          tags: tagged('public'),
          columns: columns({ id: undefined }),
        },
      ],
    };
    expect(isSensitiveDataset(stores)).toBe(false);
    expect(redactionFor(stores, 'dev')).toEqual({
      sensitive: false,
      withheld: [],
      withheldTables: [],
    });
  });
});
