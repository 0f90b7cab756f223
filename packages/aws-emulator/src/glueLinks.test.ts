import { GrantPermissionsCommand } from '@aws-sdk/client-lakeformation';
import {
  CreateDatabaseCommand,
  DeleteDatabaseCommand,
  GetDatabasesCommand,
  GetTableCommand,
  GetTablesCommand,
} from '@aws-sdk/client-glue';
import { errorOf } from './__testUtils__/emulator.ts';
import {
  CHURN_DEV,
  DATA_LAKE,
  devAdmin,
  lakeEmulator,
  principal,
  shareSales,
} from './__testUtils__/lake.ts';

const STUDIO_ROLE = `arn:aws:iam::${CHURN_DEV}:role/StudioExecution`;

describe('Glue resource links to shared databases', () => {
  const { emulator, as } = lakeEmulator();
  const share = (grantOption: boolean) => shareSales(as, grantOption);
  async function becomeAdmin() {
    const { dev, before } = await devAdmin(as);
    expect(before?.DataLakeAdmins).toEqual([]);
    return dev;
  }

  beforeEach(() => {
    // The Studio execution role exists in the dev account; IAM lets it read
    // and create databases, so Lake Formation's own checks decide.
    emulator().state.principalPolicies.set(STUDIO_ROLE, [
      {
        Statement: [
          {
            Effect: 'Allow',
            Action: [
              'glue:Get*',
              'glue:CreateDatabase',
              'lakeformation:GetDataAccess',
            ],
            Resource: '*',
          },
        ],
      },
    ]);
  });

  it('creates a resource link to a shared database, through which a granted role reads the tables', async () => {
    const dev = await becomeAdmin();
    const link = (Name: string, DatabaseName = 'sales') =>
      new CreateDatabaseCommand({
        DatabaseInput: {
          Name,
          TargetDatabase: { CatalogId: DATA_LAKE, DatabaseName },
        },
      });
    // Not shared yet: no link.
    expect((await errorOf(dev.glue.send(link('sales_link')))).name).toBe(
      'EntityNotFoundException',
    );
    await share(true);
    await dev.glue.send(link('sales_link'));
    expect((await errorOf(dev.glue.send(link('sales_link')))).name).toBe(
      'AlreadyExistsException',
    );
    const databases = await dev.glue.send(new GetDatabasesCommand({}));
    expect(
      databases.DatabaseList?.map(d => [d.Name, d.TargetDatabase]),
    ).toEqual([
      ['sales_link', { CatalogId: DATA_LAKE, DatabaseName: 'sales' }],
    ]);
    // A non-administrator cannot create databases.
    const studio = await as(CHURN_DEV, 'StudioExecution');
    expect((await errorOf(studio.glue.send(link('mine')))).message).toBe(
      'Insufficient Lake Formation permission(s): Required Create Database on Catalog',
    );

    // The role sees nothing through the link until it holds DESCRIBE on it and a grant on the target.
    const read = () =>
      studio.glue.send(new GetTablesCommand({ DatabaseName: 'sales_link' }));
    expect((await errorOf(read())).message).toBe(
      'Insufficient Lake Formation permission(s) on sales_link',
    );
    await dev.lakeFormation.send(
      new GrantPermissionsCommand({
        Principal: principal(STUDIO_ROLE),
        Resource: { Database: { Name: 'sales_link' } },
        Permissions: ['DESCRIBE'],
      }),
    );
    expect((await read()).TableList).toEqual([]);
    await dev.lakeFormation.send(
      new GrantPermissionsCommand({
        Principal: principal(STUDIO_ROLE),
        Resource: {
          TableWithColumns: {
            CatalogId: DATA_LAKE,
            DatabaseName: 'sales',
            Name: 'orders',
            ColumnWildcard: {
              ExcludedColumnNames: ['customer_email', 'shipping_address'],
            },
          },
        },
        Permissions: ['SELECT'],
      }),
    );
    const tables = (await read()).TableList!;
    expect(tables.map(t => [t.CatalogId, t.DatabaseName, t.Name])).toEqual([
      [DATA_LAKE, 'sales', 'orders'],
    ]);
    expect(tables[0].StorageDescriptor?.Columns?.map(c => c.Name)).toEqual([
      'order_id',
      'customer_id',
      'store_id',
      'order_date',
      'channel',
      'total_amount',
    ]);
    expect(
      (
        await errorOf(
          studio.glue.send(
            new GetTableCommand({
              DatabaseName: 'sales_link',
              Name: 'returns',
            }),
          ),
        )
      ).name,
    ).toBe('AccessDeniedException');

    // Deleting the link removes the link and its grants, not the target.
    await dev.glue.send(new DeleteDatabaseCommand({ Name: 'sales_link' }));
    expect(
      (await dev.glue.send(new GetDatabasesCommand({}))).DatabaseList,
    ).toEqual([]);
    expect(
      emulator().state.lakePermissions.some(p => p.database === 'sales_link'),
    ).toBe(false);
    expect(emulator().state.lakeDatabases.has(`${DATA_LAKE}/sales`)).toBe(true);
    expect(
      (
        await errorOf(
          dev.glue.send(new DeleteDatabaseCommand({ Name: 'sales_link' })),
        )
      ).name,
    ).toBe('EntityNotFoundException');
  });
});
