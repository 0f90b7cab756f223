/**
 * Data cells filters: the rows and columns of a table that a grant on the
 * filter allows. The table's catalog's data lake administrators define them.
 */
import { AwsError } from '../../errors.ts';
import { type CallContext, paginate } from '../../context.ts';
import type { DataCellsFilterRecord } from '../../state.ts';
import { isAdmin } from './authority.ts';
import { insufficient, invalid, notFound, resourceOf } from './resources.ts';

function shape(f: DataCellsFilterRecord) {
  return {
    TableCatalogId: f.catalogId,
    DatabaseName: f.database,
    TableName: f.table,
    Name: f.name,
    RowFilter: f.rowFilter,
    ...(f.columnNames
      ? { ColumnNames: f.columnNames }
      : { ColumnWildcard: { ExcludedColumnNames: f.excludedColumns ?? [] } }),
  };
}

function checkAdmin(ctx: CallContext, catalogId: string, name: string) {
  if (
    catalogId !== ctx.caller.accountId ||
    !isAdmin(ctx.state, catalogId, ctx.caller.arn)
  ) {
    throw insufficient(name);
  }
}

export function filterHandlers() {
  return {
    CreateDataCellsFilter: (ctx: CallContext, input: any) => {
      const data = input.TableData;
      if (!data?.Name || !/^[\w-]{1,255}$/.test(data.Name)) {
        throw invalid(
          'TableData.Name must be 1 to 255 letters, digits, _ or -.',
        );
      }
      const { ColumnNames, ColumnWildcard, RowFilter } = data;
      if ((ColumnNames === undefined) === (ColumnWildcard === undefined)) {
        throw invalid(
          'TableData needs exactly one of ColumnNames and ColumnWildcard.',
        );
      }
      const table = resourceOf(ctx, {
        TableWithColumns: {
          CatalogId: data.TableCatalogId,
          DatabaseName: data.DatabaseName,
          Name: data.TableName,
          ...(ColumnNames ? { ColumnNames } : { ColumnWildcard }),
        },
      });
      checkAdmin(ctx, table.catalogId, `${table.database}.${table.table}`);
      const hasExpression = typeof RowFilter?.FilterExpression === 'string';
      if (
        RowFilter !== undefined &&
        hasExpression === !!RowFilter.AllRowsWildcard
      ) {
        throw invalid(
          'RowFilter needs exactly one of FilterExpression and AllRowsWildcard.',
        );
      }
      const key = `${table.catalogId}/${table.database}/${table.table}/${data.Name}`;
      if (ctx.state.dataCellsFilters.has(key)) {
        throw new AwsError(
          'AlreadyExistsException',
          `Data cells filter ${data.Name} already exists on ${table.database}.${table.table}.`,
        );
      }
      ctx.state.dataCellsFilters.set(key, {
        catalogId: table.catalogId,
        database: table.database,
        table: table.table!,
        name: data.Name,
        rowFilter: RowFilter ?? { AllRowsWildcard: {} },
        ...(table.columns
          ? { columnNames: table.columns }
          : { excludedColumns: table.excludedColumns ?? [] }),
      });
      return {};
    },

    ListDataCellsFilter: (ctx: CallContext, input: any) => {
      let filters = [...ctx.state.dataCellsFilters.values()];
      if (input.Table) {
        const t = resourceOf(ctx, { Table: input.Table });
        filters = filters.filter(
          f =>
            f.catalogId === t.catalogId &&
            f.database === t.database &&
            (t.table === '*' || f.table === t.table),
        );
      } else {
        filters = filters.filter(f => f.catalogId === ctx.caller.accountId);
      }
      const { page, nextToken } = paginate(
        filters,
        input.MaxResults,
        input.NextToken,
        { max: 100 },
        () => invalid('NextToken is not valid.'),
      );
      return {
        DataCellsFilters: page.map(shape),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },

    DeleteDataCellsFilter: (ctx: CallContext, input: any) => {
      const catalogId = input.TableCatalogId ?? ctx.caller.accountId;
      const key = `${catalogId}/${input.DatabaseName}/${input.TableName}/${input.Name}`;
      const filter = ctx.state.dataCellsFilters.get(key);
      if (!filter) {
        throw notFound(
          `Data cells filter ${input.Name} not found on ${input.DatabaseName}.${input.TableName}.`,
        );
      }
      checkAdmin(ctx, catalogId, `${input.DatabaseName}.${input.TableName}`);
      ctx.state.dataCellsFilters.delete(key);
      // Grants on the filter go with it, in every account they reached.
      ctx.state.lakePermissions = ctx.state.lakePermissions.filter(
        p =>
          !(
            p.filter === filter.name &&
            p.catalogId === catalogId &&
            p.database === filter.database &&
            p.table === filter.table
          ),
      );
      return {};
    },
  };
}
