/**
 * Which columns of a data-lake dataset are PII and stay out of a dev
 * account: the guide keeps Project_Dev accounts out of compliance scope, so
 * fields not needed for ML do not leave production, and where a dataset is
 * sensitive only a redacted view reaches dev. The data owners say what is
 * sensitive with the Lake Formation tag `classification` (LF-tags), which a
 * table inherits from its database and a column from its table unless it
 * has its own. AWS-free: the classification is read elsewhere
 * (-node's readDatasetClassification).
 */

/** The LF-tag key that classifies data. @public */
export const CLASSIFICATION_TAG = 'classification';

/** The classification values that make a column PII, withheld from dev. @public */
export const SENSITIVE_CLASSIFICATIONS: readonly string[] = [
  'confidential',
  'restricted',
];

/** Account stages that are development: they receive only a redacted view. @public */
export const DEV_STAGES: readonly string[] = ['dev', 'sandbox'];

/** LF-tags of one resource, key to value (one value per key). @public */
export type LfTags = Record<string, string>;

/**
 * A dataset (a data-lake database) with its LF-tags: each column's are the
 * effective ones (inherited from its table and database where not its own).
 *
 * @public
 */
export interface DatasetClassification {
  database: string;
  tags: LfTags;
  tables: Array<{
    name: string;
    tags: LfTags;
    columns: Array<{ name: string; tags: LfTags }>;
  }>;
}

/** What a grant of a dataset to one account withholds, and why. @public */
export interface DataRedaction {
  /** Some column, table or the database is classified sensitive. */
  sensitive: boolean;
  /** Per table, the PII columns not granted (only for a dev account). */
  withheld: Array<{ table: string; columns: string[] }>;
  /** Tables left out entirely: every column of theirs is PII. */
  withheldTables: string[];
  /** Why, in words for the card and the audit; absent when nothing is withheld. */
  reason?: string;
}

const isSensitiveValue = (value: string | undefined) =>
  SENSITIVE_CLASSIFICATIONS.includes(value ?? '');
const isSensitive = (tags: LfTags) =>
  isSensitiveValue(tags[CLASSIFICATION_TAG]);

/** Whether an account of this stage receives only a redacted view. @public */
export function isDevStage(stage: string): boolean {
  return DEV_STAGES.includes(stage);
}

/**
 * Whether the dataset carries a sensitive classification anywhere: on the
 * database, a table or a column.
 *
 * @public
 */
export function isSensitiveDataset(dataset: DatasetClassification): boolean {
  return (
    isSensitive(dataset.tags) ||
    dataset.tables.some(
      t => isSensitive(t.tags) || t.columns.some(c => isSensitive(c.tags)),
    )
  );
}

/**
 * What a grant of the dataset to an account of `stage` withholds: for a
 * dev or sandbox account every column classified sensitive (a table whose
 * columns are all sensitive, or that is sensitive with no columns known,
 * is left out whole); for any other account nothing.
 *
 * @public
 */
export function redactionFor(
  dataset: DatasetClassification,
  stage: string,
): DataRedaction {
  const sensitive = isSensitiveDataset(dataset);
  if (!sensitive || !isDevStage(stage)) {
    return { sensitive, withheld: [], withheldTables: [] };
  }
  const withheld: DataRedaction['withheld'] = [];
  const withheldTables: string[] = [];
  const classes = new Set<string>();
  const note = (tags: LfTags) => classes.add(tags[CLASSIFICATION_TAG]);
  for (const table of dataset.tables) {
    const pii = table.columns.filter(c => isSensitive(c.tags));
    pii.forEach(c => note(c.tags));
    if (
      table.columns.length === 0
        ? isSensitive(table.tags)
        : pii.length === table.columns.length
    ) {
      if (table.columns.length === 0) note(table.tags);
      withheldTables.push(table.name);
    } else if (pii.length > 0) {
      withheld.push({ table: table.name, columns: pii.map(c => c.name) });
    }
  }
  if (withheld.length === 0 && withheldTables.length === 0) {
    return { sensitive, withheld, withheldTables };
  }
  const values = [...classes].filter(isSensitiveValue).sort().join(', ');
  return {
    sensitive,
    withheld,
    withheldTables,
    reason: `PII (Lake Formation tag ${CLASSIFICATION_TAG}=${values}) stays out of ${stage} accounts: they receive a redacted view`,
  };
}
