// The Lake Formation and Glue records of the emulated world (stateRecords.ts
// re-exports them with the others).

/** A column of a Data Catalog table. */
export interface LakeColumn {
  name: string;
  type: string;
}

/**
 * A Glue Data Catalog database that Lake Formation governs, with its tables;
 * or, with `target`, a resource link to another (or the same) catalog's
 * database, which has no tables of its own.
 */
export interface LakeDatabaseRecord {
  catalogId: string;
  name: string;
  description?: string;
  tables: string[];
  /** Columns by table; a table without an entry has none known. */
  columns?: Record<string, LakeColumn[]>;
  target?: { catalogId: string; name: string };
  parameters?: Record<string, string>;
}

/** What one principal may do on one database, table, columns or data cells filter of a catalog. */
export interface LakePermissionRecord {
  catalogId: string;
  /** An account id (cross-account) or an IAM role or user ARN. */
  principal: string;
  database: string;
  /** A table name, `*` for all tables, or undefined for the database itself. */
  table?: string;
  permissions: string[];
  /** The permissions the principal may grant on (PermissionsWithGrantOption). */
  grantable?: string[];
  /** A column grant (TableWithColumns): the columns named, or all but `excludedColumns`. */
  columns?: string[];
  excludedColumns?: string[];
  /** A grant on the table's data cells filter of this name. */
  filter?: string;
  /** The account whose Lake Formation made the grant; the catalog's when absent. */
  grantedIn?: string;
}

/** An account's data lake settings, as PutDataLakeSettings stored them. */
export interface LakeSettingsRecord {
  admins: string[];
  readOnlyAdmins: string[];
  /** The rest of DataLakeSettings, echoed back. */
  other: Record<string, unknown>;
}

/** An LF-tag of a catalog with its allowed values. */
export interface LfTagRecord {
  catalogId: string;
  key: string;
  values: string[];
}

/** A data cells filter on a table: rows and columns a grant on it allows. */
export interface DataCellsFilterRecord {
  catalogId: string;
  database: string;
  table: string;
  name: string;
  rowFilter: { FilterExpression?: string; AllRowsWildcard?: {} };
  columnNames?: string[];
  excludedColumns?: string[];
}

/** The AWS RAM share through which Lake Formation shares with another account. */
export interface ResourceShareRecord {
  arn: string;
  name: string;
  ownerAccountId: string;
  principal: string;
  resourceArns: string[];
  createdAt: Date;
}
