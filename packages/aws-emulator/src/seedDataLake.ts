// The seed's data lake: each account's Glue databases with their tables and
// columns, its LF-tags and where they are assigned, and its data lake
// administrators (Lake Formation's own settings, as the data lake team left them).
import type { AccountRecord, EmulatorState } from './state.ts';
import type { SeedDocument } from './seed.ts';
import { SUITE_MEMBER_ROLE } from './seedSuite.ts';

const DEFAULT_ADMINS = [
  `arn:aws:iam:::role/${SUITE_MEMBER_ROLE}`,
  'arn:aws:iam:::role/OrganizationAccountAccessRole',
];

export function seedDataLake(
  state: EmulatorState,
  seed: SeedDocument,
  account: (ref: string) => AccountRecord,
) {
  for (const entry of seed.dataLake ?? []) {
    const owner = account(entry.account);
    const catalogId = owner.id;
    const admins = (entry.admins ?? DEFAULT_ADMINS).map(arn =>
      arn.replace(/^arn:aws:iam::(?=:)/, `arn:aws:iam::${catalogId}`),
    );
    state.lakeSettings.set(catalogId, {
      admins,
      readOnlyAdmins: [],
      other: {},
    });
    for (const [key, values] of Object.entries(entry.lfTags ?? {})) {
      state.lfTags.set(`${catalogId}/${key}`, { catalogId, key, values });
    }
    const assign = (key: string, tags: Record<string, string> = {}) => {
      for (const [tagKey, value] of Object.entries(tags)) {
        if (
          !state.lfTags.get(`${catalogId}/${tagKey}`)?.values.includes(value)
        ) {
          throw new Error(
            `Seed assigns LF-tag ${tagKey}=${value} on ${key}, which dataLake.lfTags of ${entry.account} does not define`,
          );
        }
      }
      if (Object.keys(tags).length > 0)
        state.lfTagAssignments.set(key, { ...tags });
    };
    for (const database of entry.databases) {
      const details = database.tableDetails ?? {};
      const tables = [
        ...new Set([...(database.tables ?? []), ...Object.keys(details)]),
      ];
      const dbKey = `${catalogId}/${database.name}`;
      state.lakeDatabases.set(dbKey, {
        catalogId,
        name: database.name,
        description: database.description,
        tables,
        columns: Object.fromEntries(
          Object.entries(details).map(([table, d]) => [
            table,
            (d.columns ?? []).map(({ name, type }) => ({ name, type })),
          ]),
        ),
      });
      assign(dbKey, database.lfTags);
      for (const [table, d] of Object.entries(details)) {
        assign(`${dbKey}/${table}`, d.lfTags);
        for (const column of d.columns ?? []) {
          assign(`${dbKey}/${table}/${column.name}`, column.lfTags);
        }
      }
    }
  }
}
