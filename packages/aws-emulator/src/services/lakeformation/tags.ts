/**
 * LF-tags: a catalog's tag keys with their allowed values, assigned to
 * databases, tables and columns (one value per key; a table inherits its
 * database's, a column its table's, unless it has its own). The owner
 * account's data lake administrators define and assign them; an account a
 * resource is shared with reads them.
 */
import { AwsError } from '../../errors.ts';
import { type CallContext, paginate } from '../../context.ts';
import { isAdmin } from './authority.ts';
import {
  type LakeResource,
  invalid,
  notFound,
  resourceOf,
} from './resources.ts';

function ownCatalog(ctx: CallContext, catalogId: string | undefined) {
  const id = catalogId ?? ctx.caller.accountId;
  if (id !== ctx.caller.accountId || !isAdmin(ctx.state, id, ctx.caller.arn)) {
    throw new AwsError(
      'AccessDeniedException',
      `Insufficient Lake Formation permission(s): only a data lake administrator of ${id} manages its LF-tags`,
    );
  }
  return id;
}

function tagOf(ctx: CallContext, catalogId: string, key: string) {
  const tag = ctx.state.lfTags.get(`${catalogId}/${key}`);
  if (!tag)
    throw notFound(`Tag key ${key} does not exist in catalog ${catalogId}.`);
  return tag;
}

const shape = (catalogId: string, assigned: Record<string, string> = {}) =>
  Object.entries(assigned).map(([TagKey, value]) => ({
    CatalogId: catalogId,
    TagKey,
    TagValues: [value],
  }));

/** The storage keys a tag resource stands for: the database, the table, or named columns. */
function keysOf(
  ctx: CallContext,
  input: any,
): { r: LakeResource; keys: string[] } {
  const given = input.Resource;
  if (given?.Table?.TableWildcard) {
    throw invalid(
      'LF-tags are assigned to a named table, not a TableWildcard.',
    );
  }
  if (given?.TableWithColumns && !given.TableWithColumns.ColumnNames) {
    throw invalid('TableWithColumns needs ColumnNames for LF-tags.');
  }
  if (given?.DataCellsFilter)
    throw invalid('LF-tags are not assigned to data cells filters.');
  const r = resourceOf(ctx, given);
  const base = `${r.catalogId}/${r.database}`;
  if (r.table === undefined) return { r, keys: [base] };
  if (!r.columns) return { r, keys: [`${base}/${r.table}`] };
  return { r, keys: r.columns.map(c => `${base}/${r.table}/${c}`) };
}

function assign(ctx: CallContext, input: any, add: boolean) {
  const { r, keys } = keysOf(ctx, input);
  ownCatalog(ctx, r.catalogId);
  const tags = input.LFTags;
  if (!Array.isArray(tags) || tags.length === 0 || tags.length > 50) {
    throw invalid('LFTags must list 1 to 50 tags.');
  }
  const changes = tags.map(t => {
    const tag = tagOf(ctx, t.CatalogId ?? r.catalogId, t.TagKey);
    const values = t.TagValues;
    if (add && (!Array.isArray(values) || values.length !== 1)) {
      throw invalid(
        `Tag ${t.TagKey}: a resource takes exactly one value of a key.`,
      );
    }
    if (add && !tag.values.includes(values[0])) {
      throw invalid(
        `Tag ${t.TagKey} has no value ${
          values[0]
        }; its values are ${tag.values.join(', ')}.`,
      );
    }
    return { key: tag.key, value: add ? (values[0] as string) : undefined };
  });
  for (const key of keys) {
    const assigned = { ...ctx.state.lfTagAssignments.get(key) };
    for (const change of changes) {
      if (change.value === undefined) delete assigned[change.key];
      else assigned[change.key] = change.value;
    }
    ctx.state.lfTagAssignments.set(key, assigned);
  }
  return { Failures: [] };
}

export function tagHandlers() {
  return {
    CreateLFTag: (ctx: CallContext, input: any) => {
      const catalogId = ownCatalog(ctx, input.CatalogId);
      const key = input.TagKey;
      const values = input.TagValues;
      if (typeof key !== 'string' || !/^[\w.:/=+@-]{1,128}$/.test(key)) {
        throw invalid('TagKey must be 1 to 128 letters, digits or _.:/=+-@.');
      }
      if (
        !Array.isArray(values) ||
        values.length === 0 ||
        values.length > 1000 ||
        values.some(v => typeof v !== 'string' || !v || v.length > 256)
      ) {
        throw invalid(
          'TagValues must list 1 to 1000 values of 1 to 256 characters.',
        );
      }
      if (ctx.state.lfTags.has(`${catalogId}/${key}`)) {
        throw new AwsError(
          'AlreadyExistsException',
          `Tag key ${key} already exists.`,
        );
      }
      ctx.state.lfTags.set(`${catalogId}/${key}`, {
        catalogId,
        key,
        values: [...new Set<string>(values)],
      });
      return {};
    },

    GetLFTag: (ctx: CallContext, input: any) => {
      const tag = tagOf(
        ctx,
        input.CatalogId ?? ctx.caller.accountId,
        input.TagKey,
      );
      return {
        CatalogId: tag.catalogId,
        TagKey: tag.key,
        TagValues: tag.values,
      };
    },

    ListLFTags: (ctx: CallContext, input: any) => {
      const catalogId = input.CatalogId ?? ctx.caller.accountId;
      const tags = [...ctx.state.lfTags.values()].filter(
        t => t.catalogId === catalogId,
      );
      const { page, nextToken } = paginate(
        tags,
        input.MaxResults,
        input.NextToken,
        { max: 1000, default: 100 },
        () => invalid('NextToken is not valid.'),
      );
      return {
        LFTags: page.map(t => ({
          CatalogId: t.catalogId,
          TagKey: t.key,
          TagValues: t.values,
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },

    AddLFTagsToResource: (ctx: CallContext, input: any) =>
      assign(ctx, input, true),
    RemoveLFTagsFromResource: (ctx: CallContext, input: any) =>
      assign(ctx, input, false),

    GetResourceLFTags: (ctx: CallContext, input: any) => {
      const { r } = keysOf(ctx, input);
      const assigned = ctx.state.lfTagAssignments;
      const own = input.ShowAssignedLFTags === true;
      const dbKey = `${r.catalogId}/${r.database}`;
      const onDatabase = assigned.get(dbKey) ?? {};
      if (r.table === undefined) {
        return { LFTagOnDatabase: shape(r.catalogId, onDatabase) };
      }
      const tableKey = `${dbKey}/${r.table}`;
      const onTable = {
        ...(own ? {} : onDatabase),
        ...assigned.get(tableKey),
      };
      const db = ctx.state.lakeDatabases.get(dbKey)!;
      const columns =
        r.columns ?? (db.columns?.[r.table] ?? []).map(c => c.name);
      return {
        LFTagOnDatabase: shape(r.catalogId, onDatabase),
        LFTagsOnTable: shape(r.catalogId, onTable),
        LFTagsOnColumns: columns.map(Name => ({
          Name,
          LFTags: shape(r.catalogId, {
            ...(own ? {} : { ...onDatabase, ...assigned.get(tableKey) }),
            ...assigned.get(`${tableKey}/${Name}`),
          }),
        })),
      };
    },
  };
}
