/**
 * The Data Catalog resources Lake Formation requests name (a database, a
 * table or all of a database's tables, some columns of a table, a data
 * cells filter), checked against the catalogs, and the principals grants go
 * to.
 */
import { AwsError } from '../../errors.ts';
import type { CallContext } from '../../context.ts';
import type {
  EmulatorState,
  LakeDatabaseRecord,
  LakePermissionRecord,
} from '../../state.ts';

export const invalid = (message: string) =>
  new AwsError('InvalidInputException', message);
export const notFound = (message: string) =>
  new AwsError('EntityNotFoundException', message);
export const insufficient = (name: string) =>
  new AwsError(
    'AccessDeniedException',
    `Insufficient Lake Formation permission(s) on ${name}`,
  );

/** A resource in the shape the emulator stores grants (LakePermissionRecord's). */
export type LakeResource = Pick<
  LakePermissionRecord,
  'catalogId' | 'database' | 'table' | 'columns' | 'excludedColumns' | 'filter'
>;

export type ResourceKind = 'database' | 'link' | 'table' | 'columns' | 'filter';

export function kindOf(r: LakeResource, state: EmulatorState): ResourceKind {
  if (r.table === undefined) {
    return state.lakeDatabases.get(`${r.catalogId}/${r.database}`)?.target
      ? 'link'
      : 'database';
  }
  if (r.filter !== undefined) return 'filter';
  if (r.columns || r.excludedColumns) return 'columns';
  return 'table';
}

export function nameOf(r: LakeResource) {
  return r.table === undefined || r.table === '*'
    ? r.database
    : `${r.database}.${r.table}`;
}

/** The IAM principal a caller acts as: the role behind an assumed-role session. */
export function callerPrincipal(arn: string) {
  const assumed =
    /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return assumed
    ? `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`
    : arn;
}

/** The account of a principal: an account id itself, or an ARN's account. */
export function accountOf(principal: string) {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws[\w-]*:iam::(\d{12}):/.exec(principal)?.[1];
}

/** Whether two IAM ARNs name one principal; a role's path is not part of its session ARN. */
export function samePrincipal(a: string, b: string) {
  const plain = (arn: string) =>
    arn.replace(/^(arn:aws[\w-]*:iam::\d{12}:role\/)(?:.*\/)?([^/]+)$/, '$1$2');
  return plain(a) === plain(b);
}

export function grantedIn(p: LakePermissionRecord) {
  return p.grantedIn ?? p.catalogId;
}

/** Whether the account received anything on the database from its catalog. */
export function sharedWith(
  state: EmulatorState,
  catalogId: string,
  database: string,
  accountId: string,
) {
  return state.lakePermissions.some(
    p =>
      p.catalogId === catalogId &&
      p.database === database &&
      grantedIn(p) === catalogId &&
      accountOf(p.principal) === accountId,
  );
}

function databaseOf(
  ctx: CallContext,
  catalogId: string,
  name: string | undefined,
): LakeDatabaseRecord {
  if (!name) throw invalid('The resource needs a database name.');
  const found = ctx.state.lakeDatabases.get(`${catalogId}/${name}`);
  if (catalogId !== ctx.caller.accountId) {
    // Another catalog's database is known only where it is shared.
    if (
      !found ||
      !sharedWith(ctx.state, catalogId, name, ctx.caller.accountId)
    ) {
      throw insufficient(name);
    }
    return found;
  }
  if (!found) throw notFound(`Database ${name} not found.`);
  return found;
}

function checkColumns(db: LakeDatabaseRecord, table: string, names: unknown) {
  if (!Array.isArray(names) || names.some(n => typeof n !== 'string' || !n)) {
    throw invalid('Column names must be a list of names.');
  }
  const known = db.columns?.[table];
  const unknown = known
    ? names.filter(n => !known.some(c => c.name === n))
    : [];
  if (unknown.length > 0) {
    throw invalid(
      `Column(s) ${unknown.join(', ')} not found in table ${db.name}.${table}.`,
    );
  }
  return [...new Set(names as string[])].sort();
}

/** The resource a request names, checked against the catalogs. */
export function resourceOf(ctx: CallContext, resource: any): LakeResource {
  const kinds = ['Database', 'Table', 'TableWithColumns', 'DataCellsFilter'];
  const given = kinds.filter(k => resource?.[k]);
  const others = Object.keys(resource ?? {}).filter(k => !kinds.includes(k));
  if (given.length !== 1 || others.length > 0) {
    throw invalid(
      `Resource must name exactly one of ${kinds.join(', ')}${
        others.length ? ` (${others.join(', ')} are not supported)` : ''
      }.`,
    );
  }
  const caller = ctx.caller.accountId;
  if (resource.Database) {
    const { CatalogId = caller, Name } = resource.Database;
    const db = databaseOf(ctx, CatalogId, Name);
    return { catalogId: CatalogId, database: db.name };
  }
  if (resource.DataCellsFilter) {
    const f = resource.DataCellsFilter;
    const catalogId = f.TableCatalogId ?? caller;
    databaseOf(ctx, catalogId, f.DatabaseName);
    const key = `${catalogId}/${f.DatabaseName}/${f.TableName}/${f.Name}`;
    if (!ctx.state.dataCellsFilters.has(key)) {
      throw notFound(
        `Data cells filter ${f.Name} not found on ${f.DatabaseName}.${f.TableName}.`,
      );
    }
    return {
      catalogId,
      database: f.DatabaseName,
      table: f.TableName,
      filter: f.Name,
    };
  }
  const t = resource.Table ?? resource.TableWithColumns;
  const catalogId = t.CatalogId ?? caller;
  const db = databaseOf(ctx, catalogId, t.DatabaseName);
  if (resource.Table && t.TableWildcard) {
    if (t.Name)
      throw invalid('Table takes a Name or a TableWildcard, not both.');
    return { catalogId, database: db.name, table: '*' };
  }
  if (!t.Name) throw invalid('Table needs a Name or a TableWildcard.');
  if (!db.tables.includes(t.Name)) {
    throw notFound(`Table ${t.Name} not found in ${db.name}.`);
  }
  const base = { catalogId, database: db.name, table: t.Name as string };
  if (resource.Table) return base;
  const { ColumnNames, ColumnWildcard } = t;
  if ((ColumnNames === undefined) === (ColumnWildcard === undefined)) {
    throw invalid(
      'TableWithColumns needs exactly one of ColumnNames and ColumnWildcard.',
    );
  }
  if (ColumnNames !== undefined) {
    const columns = checkColumns(db, t.Name, ColumnNames);
    if (columns.length === 0) throw invalid('ColumnNames must not be empty.');
    return { ...base, columns };
  }
  const excluded = checkColumns(
    db,
    t.Name,
    ColumnWildcard.ExcludedColumnNames ?? [],
  );
  // All columns is the table itself, as Lake Formation stores it.
  return excluded.length === 0 ? base : { ...base, excludedColumns: excluded };
}

/** A stored resource in the request shape (ListPermissions' Resource). */
export function resourceShape(r: LakeResource) {
  if (r.table === undefined) {
    return { Database: { CatalogId: r.catalogId, Name: r.database } };
  }
  if (r.filter !== undefined) {
    return {
      DataCellsFilter: {
        TableCatalogId: r.catalogId,
        DatabaseName: r.database,
        TableName: r.table,
        Name: r.filter,
      },
    };
  }
  const table = {
    CatalogId: r.catalogId,
    DatabaseName: r.database,
    Name: r.table,
  };
  if (r.columns) {
    return { TableWithColumns: { ...table, ColumnNames: r.columns } };
  }
  if (r.excludedColumns) {
    return {
      TableWithColumns: {
        ...table,
        ColumnWildcard: { ExcludedColumnNames: r.excludedColumns },
      },
    };
  }
  if (r.table === '*') {
    return {
      Table: {
        CatalogId: r.catalogId,
        DatabaseName: r.database,
        TableWildcard: {},
      },
    };
  }
  return { Table: table };
}

/** Whether two stored resources are the same one. */
export function sameResource(a: LakeResource, b: LakeResource) {
  const list = (l?: string[]) => (l ? l.join(',') : undefined);
  return (
    a.catalogId === b.catalogId &&
    a.database === b.database &&
    a.table === b.table &&
    a.filter === b.filter &&
    list(a.columns) === list(b.columns) &&
    list(a.excludedColumns) === list(b.excludedColumns)
  );
}

/** The principal a grant goes to: an account of the organization or an IAM ARN. */
export function principalOf(ctx: CallContext, input: any): string {
  const principal: string | undefined =
    input.Principal?.DataLakePrincipalIdentifier;
  if (!principal) {
    throw invalid('Principal.DataLakePrincipalIdentifier is required.');
  }
  if (/^\d{12}$/.test(principal)) {
    if (!ctx.state.accounts.has(principal)) {
      // Outside the organization a RAM invitation would wait for acceptance.
      throw invalid(
        `Account ${principal} is not in the organization; the emulator shares only within it.`,
      );
    }
    return principal;
  }
  if (!/^arn:aws[\w-]*:iam::\d{12}:(role|user)\/.+/.test(principal)) {
    throw invalid(
      `Principal ${principal} is not an account id or an IAM role or user ARN.`,
    );
  }
  return principal;
}
