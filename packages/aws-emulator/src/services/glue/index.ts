/**
 * The Glue Data Catalog's databases: read, and created or deleted in the
 * caller's own catalog, resource links (a database with a TargetDatabase)
 * included. An account reads its own catalog (the seed's `dataLake`
 * databases and what it created); another account's catalog only where
 * Lake Formation shared databases with the caller's account, and then only
 * those: the RAM share's resource policy is the only one the emulator
 * knows, so without a share the call is refused as AWS refuses it.
 */
import { AwsError } from '../../errors.ts';
import { type CallContext, type Handlers, paginate } from '../../context.ts';
import type { LakeDatabaseRecord } from '../../state.ts';
import { holds, isAdmin } from '../lakeformation/authority.ts';
import { syncShare } from '../lakeformation/grants.ts';
import {
  accountOf,
  callerPrincipal,
  grantedIn,
  samePrincipal,
  sharedWith,
} from '../lakeformation/resources.ts';
import { tableHandlers } from './tables.ts';

const invalid = (message: string) =>
  new AwsError('InvalidInputException', message);
const notFound = (message: string) =>
  new AwsError('EntityNotFoundException', message);

export function denied(ctx: CallContext, operation: string, catalogId: string) {
  return new AwsError(
    'AccessDeniedException',
    `User: ${ctx.caller.arn} is not authorized to perform: glue:${operation} on resource: arn:aws:glue:${ctx.region}:${catalogId}:catalog because no resource-based policy allows the glue:${operation} action`,
  );
}

export function databasesOf(ctx: CallContext, catalogId: string) {
  return [...ctx.state.lakeDatabases.values()]
    .filter(d => d.catalogId === catalogId)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Databases of another catalog that Lake Formation shared with the caller's account. */
function sharedWithCaller(ctx: CallContext, catalogId: string) {
  const shared = databasesOf(ctx, catalogId).filter(d =>
    sharedWith(ctx.state, catalogId, d.name, ctx.caller.accountId),
  );
  return shared.length > 0 ? shared : undefined;
}

/** What the caller may read of a catalog, or AccessDeniedException. */
export function readable(
  ctx: CallContext,
  operation: string,
  catalogId: string,
) {
  if (catalogId === ctx.caller.accountId) return databasesOf(ctx, catalogId);
  const shared = sharedWithCaller(ctx, catalogId);
  if (!shared) throw denied(ctx, operation, catalogId);
  return shared;
}

/** Databases shared with the caller from every other catalog. */
function foreign(ctx: CallContext) {
  const owners = new Set(
    [...ctx.state.resourceShares.values()]
      .filter(s => s.principal === ctx.caller.accountId)
      .map(s => s.ownerAccountId),
  );
  return [...owners].flatMap(owner => sharedWithCaller(ctx, owner) ?? []);
}

function databaseOf(record: LakeDatabaseRecord) {
  return {
    Name: record.name,
    Description: record.description,
    CatalogId: record.catalogId,
    Parameters: record.parameters ?? {},
    ...(record.target
      ? {
          TargetDatabase: {
            CatalogId: record.target.catalogId,
            DatabaseName: record.target.name,
          },
        }
      : {}),
    // Lake Formation governs these: no IAMAllowedPrincipals default.
    CreateTableDefaultPermissions: [],
  };
}

function ownCatalog(ctx: CallContext, operation: string, input: any) {
  const catalogId = input.CatalogId ?? ctx.caller.accountId;
  if (catalogId !== ctx.caller.accountId)
    throw denied(ctx, operation, catalogId);
  return catalogId as string;
}

function createDatabase(ctx: CallContext, input: any) {
  const catalogId = ownCatalog(ctx, 'CreateDatabase', input);
  const { state, caller } = ctx;
  const given = input.DatabaseInput;
  if (typeof given?.Name !== 'string' || !/^[^\s/]{1,255}$/.test(given.Name)) {
    throw invalid(
      'DatabaseInput.Name must be 1 to 255 characters, without spaces or /.',
    );
  }
  // Hive folds database names to lowercase when it stores them.
  const name = given.Name.toLowerCase();
  if (!isAdmin(state, catalogId, caller.arn)) {
    throw new AwsError(
      'AccessDeniedException',
      'Insufficient Lake Formation permission(s): Required Create Database on Catalog',
    );
  }
  if (state.lakeDatabases.has(`${catalogId}/${name}`)) {
    throw new AwsError('AlreadyExistsException', 'Database already exists.');
  }
  let target: LakeDatabaseRecord['target'];
  if (given.TargetDatabase !== undefined) {
    const { CatalogId, DatabaseName } = given.TargetDatabase;
    if (!CatalogId || !DatabaseName) {
      throw invalid('TargetDatabase needs CatalogId and DatabaseName.');
    }
    const found = state.lakeDatabases.get(`${CatalogId}/${DatabaseName}`);
    if (
      !found ||
      found.target ||
      (CatalogId !== catalogId &&
        !sharedWith(state, CatalogId, DatabaseName, catalogId))
    ) {
      throw notFound(
        `Target database ${DatabaseName} not found in catalog ${CatalogId}, or not shared with account ${catalogId}.`,
      );
    }
    target = { catalogId: CatalogId, name: DatabaseName };
  }
  state.lakeDatabases.set(`${catalogId}/${name}`, {
    catalogId,
    name,
    description: given.Description,
    tables: [],
    parameters: given.Parameters,
    target,
  });
  return {};
}

function deleteDatabase(ctx: CallContext, input: any) {
  const catalogId = ownCatalog(ctx, 'DeleteDatabase', input);
  const { state, caller } = ctx;
  const name = String(input.Name ?? '').toLowerCase();
  const found = state.lakeDatabases.get(`${catalogId}/${name}`);
  if (!found) throw notFound(`Database ${input.Name} not found.`);
  const self = callerPrincipal(caller.arn);
  const mine = state.lakePermissions.filter(
    p =>
      accountOf(p.principal) === caller.accountId &&
      samePrincipal(p.principal, self),
  );
  const resource = { catalogId, database: name };
  if (
    !isAdmin(state, catalogId, self) &&
    !holds(state, mine, resource, 'DROP', false)
  ) {
    throw new AwsError(
      'AccessDeniedException',
      `Insufficient Lake Formation permission(s): Required Drop on ${name}`,
    );
  }
  state.lakeDatabases.delete(`${catalogId}/${name}`);
  // Grants, tags and filters of the database go with it (a link's target stays).
  const gone = state.lakePermissions.filter(
    p => p.catalogId === catalogId && p.database === name,
  );
  state.lakePermissions = state.lakePermissions.filter(p => !gone.includes(p));
  for (const p of gone) {
    if (grantedIn(p) === catalogId)
      syncShare(ctx, catalogId, accountOf(p.principal)!);
  }
  for (const map of [state.lfTagAssignments, state.dataCellsFilters]) {
    for (const key of [...map.keys()]) {
      if (
        key === `${catalogId}/${name}` ||
        key.startsWith(`${catalogId}/${name}/`)
      )
        map.delete(key);
    }
  }
  return {};
}

export const glueMutations: ReadonlySet<string> = new Set([
  'CreateDatabase',
  'DeleteDatabase',
]);

export function glueHandlers(): Handlers {
  return {
    CreateDatabase: createDatabase,
    DeleteDatabase: deleteDatabase,

    GetDatabases: (ctx, input) => {
      const catalogId = input.CatalogId ?? ctx.caller.accountId;
      let items: LakeDatabaseRecord[];
      if (input.ResourceShareType === 'FOREIGN') {
        items = foreign(ctx);
      } else if (input.ResourceShareType === 'ALL') {
        items = [...databasesOf(ctx, ctx.caller.accountId), ...foreign(ctx)];
      } else if (input.ResourceShareType === undefined) {
        items = readable(ctx, 'GetDatabases', catalogId);
      } else {
        throw invalid('ResourceShareType must be FOREIGN or ALL.');
      }
      const { page, nextToken } = paginate(
        items,
        input.MaxResults,
        input.NextToken,
        { max: 100 },
        () => invalid('Invalid pagination token.'),
      );
      return {
        DatabaseList: page.map(databaseOf),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },

    GetDatabase: (ctx, input) => {
      const catalogId = input.CatalogId ?? ctx.caller.accountId;
      const found = readable(ctx, 'GetDatabase', catalogId).find(
        d => d.name === input.Name,
      );
      if (found) return { Database: databaseOf(found) };
      // Another catalog's database outside the share is not the caller's to know of.
      if (catalogId !== ctx.caller.accountId) {
        throw denied(ctx, 'GetDatabase', catalogId);
      }
      throw notFound(`Database ${input.Name} not found.`);
    },

    ...tableHandlers(),
  };
}
