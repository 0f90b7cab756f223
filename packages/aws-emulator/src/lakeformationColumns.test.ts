import {
  CreateDataCellsFilterCommand,
  DeleteDataCellsFilterCommand,
  GetEffectivePermissionsForPathCommand,
  GrantPermissionsCommand,
  LakeFormationClient,
  ListDataCellsFilterCommand,
  ListPermissionsCommand,
  RevokePermissionsCommand,
} from '@aws-sdk/client-lakeformation';
import { GetTablesCommand, GlueClient } from '@aws-sdk/client-glue';
import { errorOf } from './__testUtils__/emulator.ts';
import { DATA_LAKE, lakeEmulator } from './__testUtils__/lake.ts';

const ANALYST = `arn:aws:iam::${DATA_LAKE}:role/Analyst`;

describe('Lake Formation column grants and data cells filters', () => {
  const { emulator, as } = lakeEmulator();
  let lakeFormation: LakeFormationClient;
  let glue: GlueClient;
  beforeEach(async () => {
    ({ lakeFormation, glue } = await as(DATA_LAKE));
  });

  const orders = {
    CatalogId: DATA_LAKE,
    DatabaseName: 'sales',
    Name: 'orders',
  };

  it('grants columns and data cells filters, and answers which columns a role may SELECT', async () => {
    const grantTo = (Resource: any, Permissions: any[]) =>
      lakeFormation.send(
        new GrantPermissionsCommand({
          Principal: { DataLakePrincipalIdentifier: ANALYST },
          Resource,
          Permissions,
        }),
      );
    await grantTo(
      {
        TableWithColumns: {
          ...orders,
          ColumnWildcard: { ExcludedColumnNames: ['customer_email'] },
        },
      },
      ['SELECT'],
    );
    expect(
      (
        await errorOf(
          grantTo(
            { TableWithColumns: { ...orders, ColumnNames: ['order_id'] } },
            ['INSERT'],
          ),
        )
      ).name,
    ).toBe('InvalidInputException');
    await lakeFormation.send(
      new CreateDataCellsFilterCommand({
        TableData: {
          TableCatalogId: DATA_LAKE,
          DatabaseName: 'sales',
          TableName: 'returns',
          Name: 'no_refunds',
          RowFilter: { FilterExpression: "reason <> 'fraud'" },
          ColumnNames: ['return_id', 'order_id', 'reason'],
        },
      }),
    );
    const filter = {
      TableCatalogId: DATA_LAKE,
      DatabaseName: 'sales',
      TableName: 'returns',
      Name: 'no_refunds',
    };
    await grantTo({ DataCellsFilter: filter }, ['SELECT']);
    const listed = await lakeFormation.send(
      new ListDataCellsFilterCommand({
        Table: { CatalogId: DATA_LAKE, DatabaseName: 'sales', Name: 'returns' },
      }),
    );
    expect(listed.DataCellsFilters?.map(f => [f.Name, f.ColumnNames])).toEqual([
      ['no_refunds', ['order_id', 'reason', 'return_id']],
    ]);

    // "May the analyst SELECT these columns of orders?"
    const onOrders = await lakeFormation.send(
      new ListPermissionsCommand({
        Principal: { DataLakePrincipalIdentifier: ANALYST },
        Resource: { Table: orders },
        IncludeRelated: 'TRUE',
      }),
    );
    expect(
      onOrders.PrincipalResourcePermissions?.map(p => [
        p.Resource,
        p.Permissions,
      ]),
    ).toEqual([
      [
        {
          TableWithColumns: {
            ...orders,
            ColumnWildcard: { ExcludedColumnNames: ['customer_email'] },
          },
        },
        ['SELECT'],
      ],
    ]);
    const effective = await lakeFormation.send(
      new GetEffectivePermissionsForPathCommand({
        ResourceArn: `arn:aws:glue:us-east-1:${DATA_LAKE}:table/sales/returns`,
      }),
    );
    expect(effective.Permissions?.map(p => p.Resource)).toEqual([
      { DataCellsFilter: filter },
    ]);

    // The analyst's own view of the catalog follows its grants.
    emulator().state.principalPolicies.set(ANALYST, [
      { Statement: [{ Effect: 'Allow', Action: 'glue:Get*', Resource: '*' }] },
    ]);
    const analystGlue = (await as(DATA_LAKE, 'Analyst')).glue;
    const seen = await analystGlue.send(
      new GetTablesCommand({ DatabaseName: 'sales' }),
    );
    expect(
      seen.TableList?.map(t => [t.Name, t.StorageDescriptor?.Columns?.length]),
    ).toEqual([
      ['orders', 7],
      ['returns', 3],
    ]);
    // The administrator sees every table of its catalog.
    expect(
      (
        await glue.send(new GetTablesCommand({ DatabaseName: 'sales' }))
      ).TableList?.map(t => t.Name),
    ).toEqual(['order_lines', 'orders', 'returns']);

    // Revoking names the same columns; deleting the filter takes its grants.
    await lakeFormation.send(
      new RevokePermissionsCommand({
        Principal: { DataLakePrincipalIdentifier: ANALYST },
        Resource: {
          TableWithColumns: {
            ...orders,
            ColumnWildcard: { ExcludedColumnNames: ['customer_email'] },
          },
        },
        Permissions: ['SELECT'],
      }),
    );
    await lakeFormation.send(new DeleteDataCellsFilterCommand(filter));
    expect(
      emulator().state.lakePermissions.filter(p => p.principal === ANALYST),
    ).toEqual([]);
    expect(
      (
        await errorOf(
          lakeFormation.send(new DeleteDataCellsFilterCommand(filter)),
        )
      ).name,
    ).toBe('EntityNotFoundException');
  });
});
