import type { StatementSource } from '../policyTypes.ts';

/** The statements of the data lake account's principal, with the flows that need them. */
export const DATA_LAKE_STATEMENTS: StatementSource[] = [
  {
    sid: 'GrantDataLakeAccess',
    principal: 'dataLake',
    flows: ['dataAccess', 'offboarding', 'status'],
    actions: [
      'glue:GetDatabases',
      'lakeformation:GrantPermissions',
      'lakeformation:ListPermissions',
      'lakeformation:RevokePermissions',
    ],
  },
  {
    sid: 'ReadDataClassification',
    principal: 'dataLake',
    flows: ['dataAccess'],
    actions: ['glue:GetTables', 'lakeformation:GetResourceLFTags'],
  },
];
