/**
 * Lake Formation permissions on the Glue Data Catalog of the caller's
 * account, and the AWS RAM shares that cross-account grants of named
 * resources imply. Inside the organization a share is active at once (RAM
 * sharing with AWS Organizations enabled), as the guide's data lake uses it.
 */
import { createHash } from 'node:crypto';
import { AwsError } from '../../errors.ts';
import { type CallContext, type Handlers, paginate } from '../../context.ts';
import type { LakePermissionRecord } from '../../state.ts';

const DATABASE_PERMISSIONS = [
  'ALL',
  'ALTER',
  'CREATE_TABLE',
  'DESCRIBE',
  'DROP',
];
const TABLE_PERMISSIONS = [
  'ALL',
  'ALTER',
  'DELETE',
  'DESCRIBE',
  'DROP',
  'INSERT',
  'SELECT',
];

const invalid = (message: string) =>
  new AwsError('InvalidInputException', message);
const notFound = (message: string) =>
  new AwsError('EntityNotFoundException', message);

interface Target {
  catalogId: string;
  database: string;
  table?: string;
}

/** The database or table a request names, checked against the catalog. */
function targetOf(ctx: CallContext, resource: any): Target {
  const { state, caller } = ctx;
  const named = resource?.Database ?? resource?.Table;
  if (!named || (resource.Database && resource.Table)) {
    throw invalid('Resource must name exactly one Database or Table.');
  }
  const catalogId = named.CatalogId ?? caller.accountId;
  if (catalogId !== caller.accountId) {
    throw new AwsError(
      'AccessDeniedException',
      `Account ${caller.accountId} cannot grant on catalog ${catalogId}; call from the catalog's account.`,
    );
  }
  const databaseName = resource.Database ? named.Name : named.DatabaseName;
  const database = state.lakeDatabases.get(`${catalogId}/${databaseName}`);
  if (!database) {
    throw notFound(`Database ${databaseName} not found.`);
  }
  if (resource.Database) return { catalogId, database: database.name };
  if (named.TableWildcard)
    return { catalogId, database: database.name, table: '*' };
  if (!named.Name) throw invalid('Table needs a Name or a TableWildcard.');
  if (!database.tables.includes(named.Name)) {
    throw notFound(`Table ${named.Name} not found in ${database.name}.`);
  }
  return { catalogId, database: database.name, table: named.Name };
}

function principalOf(ctx: CallContext, input: any): string {
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

function checkPermissions(target: Target, permissions: unknown) {
  const allowed = target.table ? TABLE_PERMISSIONS : DATABASE_PERMISSIONS;
  if (
    !Array.isArray(permissions) ||
    permissions.length === 0 ||
    permissions.some(p => !allowed.includes(p))
  ) {
    throw invalid(
      `Permissions on a ${
        target.table ? 'table' : 'database'
      } are some of ${allowed.join(', ')}.`,
    );
  }
  return permissions as string[];
}

function resourceArn(ctx: CallContext, target: Target) {
  const base = `arn:aws:glue:${ctx.region}:${target.catalogId}`;
  return target.table
    ? `${base}:table/${target.database}/${target.table}`
    : `${base}:database/${target.database}`;
}

function same(p: LakePermissionRecord, principal: string, target: Target) {
  return (
    p.catalogId === target.catalogId &&
    p.principal === principal &&
    p.database === target.database &&
    p.table === target.table
  );
}

/** Keeps the RAM share of a catalog with an account in step with the grants. */
function syncShare(ctx: CallContext, catalogId: string, principal: string) {
  if (!/^\d{12}$/.test(principal)) return;
  const { state } = ctx;
  const key = `${catalogId}/${principal}`;
  const resourceArns = state.lakePermissions
    .filter(p => p.catalogId === catalogId && p.principal === principal)
    .map(p => resourceArn(ctx, p));
  const existing = state.resourceShares.get(key);
  if (resourceArns.length === 0) {
    state.resourceShares.delete(key);
  } else if (existing) {
    existing.resourceArns = resourceArns;
  } else {
    const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
    state.resourceShares.set(key, {
      arn: `arn:aws:ram:${ctx.region}:${catalogId}:resource-share/${id}`,
      name: `LakeFormation-V4-${id.slice(0, 12)}`,
      ownerAccountId: catalogId,
      principal,
      resourceArns,
      createdAt: new Date(),
    });
  }
}

function resourceOf(p: LakePermissionRecord) {
  if (p.table === undefined) {
    return { Database: { CatalogId: p.catalogId, Name: p.database } };
  }
  return {
    Table: {
      CatalogId: p.catalogId,
      DatabaseName: p.database,
      ...(p.table === '*' ? { TableWildcard: {} } : { Name: p.table }),
    },
  };
}

export const lakeFormationMutations: ReadonlySet<string> = new Set([
  'GrantPermissions',
  'RevokePermissions',
]);

export function lakeFormationHandlers(): Handlers {
  return {
    GrantPermissions: (ctx, input) => {
      const target = targetOf(ctx, input.Resource);
      const principal = principalOf(ctx, input);
      const permissions = checkPermissions(target, input.Permissions);
      const existing = ctx.state.lakePermissions.find(p =>
        same(p, principal, target),
      );
      // Granting what is held already changes nothing, as in AWS.
      if (existing) {
        existing.permissions = [
          ...new Set([...existing.permissions, ...permissions]),
        ];
      } else {
        ctx.state.lakePermissions.push({ ...target, principal, permissions });
      }
      syncShare(ctx, target.catalogId, principal);
      return {};
    },

    RevokePermissions: (ctx, input) => {
      const target = targetOf(ctx, input.Resource);
      const principal = principalOf(ctx, input);
      const permissions = checkPermissions(target, input.Permissions);
      const existing = ctx.state.lakePermissions.find(p =>
        same(p, principal, target),
      );
      if (
        !existing ||
        !permissions.some(p => existing.permissions.includes(p))
      ) {
        throw invalid(
          'No permissions revoked. Grantee has no permissions on resource.',
        );
      }
      existing.permissions = existing.permissions.filter(
        p => !permissions.includes(p),
      );
      if (existing.permissions.length === 0) {
        ctx.state.lakePermissions = ctx.state.lakePermissions.filter(
          p => p !== existing,
        );
      }
      syncShare(ctx, target.catalogId, principal);
      return {};
    },

    ListPermissions: (ctx, input) => {
      const catalogId = input.CatalogId ?? ctx.caller.accountId;
      const principal = input.Principal?.DataLakePrincipalIdentifier;
      const target = input.Resource ? targetOf(ctx, input.Resource) : undefined;
      const items = ctx.state.lakePermissions.filter(
        p =>
          p.catalogId === catalogId &&
          (!principal || p.principal === principal) &&
          (!target ||
            (p.database === target.database && p.table === target.table)),
      );
      const { page, nextToken } = paginate(
        items,
        input.MaxResults,
        input.NextToken,
        { max: 1000, default: 100 },
        () => invalid('NextToken is not valid.'),
      );
      return {
        PrincipalResourcePermissions: page.map(p => ({
          Principal: { DataLakePrincipalIdentifier: p.principal },
          Resource: resourceOf(p),
          Permissions: p.permissions,
          PermissionsWithGrantOption: [],
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },
  };
}

export const ramMutations: ReadonlySet<string> = new Set();

export function ramHandlers(): Handlers {
  return {
    GetResourceShares: ({ state, caller }, input) => {
      const owner = input.resourceOwner;
      if (owner !== 'SELF' && owner !== 'OTHER-ACCOUNTS') {
        throw new AwsError(
          'InvalidParameterException',
          'resourceOwner must be SELF or OTHER-ACCOUNTS.',
        );
      }
      const shares = [...state.resourceShares.values()].filter(s =>
        owner === 'SELF'
          ? s.ownerAccountId === caller.accountId
          : s.principal === caller.accountId,
      );
      return {
        resourceShares: shares.map(s => ({
          resourceShareArn: s.arn,
          name: s.name,
          owningAccountId: s.ownerAccountId,
          allowExternalPrincipals: false,
          status: 'ACTIVE',
          featureSet: 'CREATED_FROM_POLICY',
        })),
      };
    },
  };
}
