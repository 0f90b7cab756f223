/**
 * The Glue Data Catalog's tables, as Lake Formation lets the caller see
 * them: in its own catalog a data lake administrator sees all; anyone else
 * sees the tables (and columns) granted to it. Through a resource link the
 * caller needs DESCRIBE on the link and a grant on the target's table
 * (its own; for an administrator of the account, also what the account
 * received); columns are narrowed to what a column grant allows.
 */
import { AwsError } from '../../errors.ts';
import { type CallContext, paginate } from '../../context.ts';
import type { LakeDatabaseRecord, LakePermissionRecord } from '../../state.ts';
import { holds, isAdmin } from '../lakeformation/authority.ts';
import {
  accountOf,
  callerPrincipal,
  insufficient,
  samePrincipal,
} from '../lakeformation/resources.ts';
import { denied, readable } from './index.ts';

const invalid = (message: string) =>
  new AwsError('InvalidInputException', message);
const notFound = (message: string) =>
  new AwsError('EntityNotFoundException', message);

interface View {
  /** The database holding the tables: the link's target, or the one named. */
  db: LakeDatabaseRecord;
  /** The grants that decide what the caller sees; undefined: everything. */
  grants?: LakePermissionRecord[];
}

function viewOf(ctx: CallContext, operation: string, input: any): View {
  const { state, caller } = ctx;
  const catalogId = input.CatalogId ?? caller.accountId;
  const self = callerPrincipal(caller.arn);
  const admin = isAdmin(state, caller.accountId, self);
  const mine = state.lakePermissions.filter(
    p =>
      accountOf(p.principal) === caller.accountId &&
      samePrincipal(p.principal, self),
  );
  const received = admin
    ? state.lakePermissions.filter(p => p.principal === caller.accountId)
    : [];
  const name = String(input.DatabaseName ?? '').toLowerCase();
  if (catalogId !== caller.accountId) {
    const db = readable(ctx, operation, catalogId).find(d => d.name === name);
    if (!db) throw denied(ctx, operation, catalogId);
    return { db, grants: [...mine, ...received] };
  }
  const db = state.lakeDatabases.get(`${catalogId}/${name}`);
  if (!db) throw notFound(`Database ${input.DatabaseName} not found.`);
  if (!db.target) return { db, grants: admin ? undefined : mine };
  const link = { catalogId, database: db.name };
  if (!admin && !holds(state, mine, link, 'DESCRIBE', false)) {
    throw insufficient(db.name);
  }
  const target = state.lakeDatabases.get(
    `${db.target.catalogId}/${db.target.name}`,
  );
  if (!target)
    throw notFound(
      `Target database ${db.target.name} of ${db.name} not found.`,
    );
  if (target.catalogId === caller.accountId && admin) return { db: target };
  return { db: target, grants: [...mine, ...received] };
}

/** The columns of a table the grants let the caller see; undefined: the table is not visible. */
function visibleColumns(ctx: CallContext, view: View, table: string) {
  const all = (view.db.columns?.[table] ?? []).map(c => c.name);
  if (!view.grants) return all;
  const onTable = view.grants.filter(
    p =>
      p.catalogId === view.db.catalogId &&
      p.database === view.db.name &&
      (p.table === table || p.table === '*'),
  );
  if (onTable.length === 0) return undefined;
  const asTable = {
    catalogId: view.db.catalogId,
    database: view.db.name,
    table,
  };
  if (
    ['DESCRIBE', 'SELECT', 'ALTER'].some(perm =>
      holds(ctx.state, onTable, asTable, perm, false),
    )
  ) {
    return all;
  }
  const allowed = new Set<string>();
  for (const p of onTable) {
    const filter = p.filter
      ? ctx.state.dataCellsFilters.get(
          `${p.catalogId}/${p.database}/${p.table}/${p.filter}`,
        )
      : undefined;
    const only = filter ? filter.columnNames : p.columns;
    const except = filter ? filter.excludedColumns : p.excludedColumns;
    for (const c of all) {
      if (only ? only.includes(c) : !except?.includes(c)) allowed.add(c);
    }
  }
  return all.filter(c => allowed.has(c));
}

function tableOf(view: View, name: string, columns: string[]) {
  const types = new Map(
    (view.db.columns?.[name] ?? []).map(c => [c.name, c.type]),
  );
  return {
    Name: name,
    DatabaseName: view.db.name,
    CatalogId: view.db.catalogId,
    TableType: 'EXTERNAL_TABLE',
    StorageDescriptor: {
      Columns: columns.map(c => ({ Name: c, Type: types.get(c) })),
    },
    Parameters: {},
    IsRegisteredWithLakeFormation: true,
  };
}

export function tableHandlers() {
  return {
    GetTables: (ctx: CallContext, input: any) => {
      const view = viewOf(ctx, 'GetTables', input);
      let pattern: RegExp | undefined;
      if (input.Expression !== undefined) {
        const source = String(input.Expression).replace(/\*/g, '.*');
        try {
          pattern = new RegExp(`^(?:${source})$`);
        } catch {
          throw invalid(
            `Expression ${input.Expression} is not a valid pattern.`,
          );
        }
      }
      const tables = [...view.db.tables]
        .sort()
        .filter(t => !pattern || pattern.test(t))
        .flatMap(t => {
          const columns = visibleColumns(ctx, view, t);
          return columns ? [tableOf(view, t, columns)] : [];
        });
      const { page, nextToken } = paginate(
        tables,
        input.MaxResults,
        input.NextToken,
        { max: 100 },
        () => invalid('Invalid pagination token.'),
      );
      return {
        TableList: page,
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },

    GetTable: (ctx: CallContext, input: any) => {
      const view = viewOf(ctx, 'GetTable', input);
      if (!view.db.tables.includes(input.Name)) {
        throw notFound(`Table ${input.Name} not found.`);
      }
      const columns = visibleColumns(ctx, view, input.Name);
      if (!columns) throw insufficient(`${view.db.name}.${input.Name}`);
      return { Table: tableOf(view, input.Name, columns) };
    },
  };
}
