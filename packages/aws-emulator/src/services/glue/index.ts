/**
 * The Glue Data Catalog's databases, read. An account reads its own catalog
 * (the seed's `dataLake` databases); another account's catalog only where
 * Lake Formation shared databases with the caller's account, and then only
 * those: the RAM share's resource policy is the only one the emulator knows,
 * so without a share the call is refused as AWS refuses it.
 */
import { AwsError } from '../../errors.ts';
import { type CallContext, type Handlers, paginate } from '../../context.ts';
import type { LakeDatabaseRecord } from '../../state.ts';

const invalid = (message: string) =>
  new AwsError('InvalidInputException', message);

function denied(ctx: CallContext, operation: string, catalogId: string) {
  return new AwsError(
    'AccessDeniedException',
    `User: ${ctx.caller.arn} is not authorized to perform: glue:${operation} on resource: arn:aws:glue:${ctx.region}:${catalogId}:catalog because no resource-based policy allows the glue:${operation} action`,
  );
}

/** Databases of another catalog that Lake Formation shared with the caller's account. */
function sharedWithCaller(ctx: CallContext, catalogId: string) {
  const { state, caller } = ctx;
  if (!state.resourceShares.has(`${catalogId}/${caller.accountId}`)) {
    return undefined;
  }
  const names = new Set(
    state.lakePermissions
      .filter(
        p => p.catalogId === catalogId && p.principal === caller.accountId,
      )
      .map(p => p.database),
  );
  return databasesOf(ctx, catalogId).filter(d => names.has(d.name));
}

function databasesOf(ctx: CallContext, catalogId: string) {
  return [...ctx.state.lakeDatabases.values()]
    .filter(d => d.catalogId === catalogId)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What the caller may read of a catalog, or AccessDeniedException. */
function readable(ctx: CallContext, operation: string, catalogId: string) {
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
    Parameters: {},
    // Lake Formation governs these: no IAMAllowedPrincipals default.
    CreateTableDefaultPermissions: [],
  };
}

export const glueMutations: ReadonlySet<string> = new Set();

export function glueHandlers(): Handlers {
  return {
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
      throw new AwsError(
        'EntityNotFoundException',
        `Database ${input.Name} not found.`,
      );
    },
  };
}
