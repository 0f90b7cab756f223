import { ServiceUnavailableError } from '@backstage/errors';
import {
  DatasetClassification,
  isDevStage,
  redactionFor,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readDatasetClassification,
} from '@mlgov/plugin-ml-environments-node';
import { StoredRedaction } from '../../../database/DataGrantStore';

/** The data lake's catalog lacks the database (Glue's EntityNotFoundException). */
export class DatabaseNotFound extends Error {
  name = 'DatabaseNotFound';
}

/**
 * What a grant of `database` to an account of `stage` withholds, from the
 * dataset's LF-tags as Lake Formation holds them now. Lake Formation or
 * Glue not answering is a 503: nothing may be granted on a guess.
 */
export async function readRedaction(
  clients: Pick<MlAwsClients, 'forAccount'>,
  catalogId: string,
  database: string,
  stage: string,
): Promise<StoredRedaction> {
  let dataset: DatasetClassification;
  try {
    dataset = await readDatasetClassification(
      await clients.forAccount(catalogId),
      catalogId,
      database,
    );
  } catch (error) {
    if ((error as Error).name === 'EntityNotFoundException') {
      throw new DatabaseNotFound(database);
    }
    throw new ServiceUnavailableError(
      `The classification of ${database} could not be read from Lake Formation in the data lake account ${catalogId} (${
        (error as Error).message
      }); nothing was granted or changed, try again when it answers`,
    );
  }
  return {
    ...redactionFor(dataset, stage),
    tables: dataset.tables.map(t => t.name),
    devStage: isDevStage(stage),
  };
}

const withheldSet = (r: StoredRedaction) =>
  new Set([
    ...r.withheld.flatMap(w => w.columns.map(c => `${w.table}.${c}`)),
    ...r.withheldTables.map(t => `${t} (whole table)`),
  ]);

/**
 * How the classification read now asks more of a grant than the one it
 * was requested (or last applied) with: sensitive where it was not, or
 * more withheld. A grant with none stored (a row from before
 * classifications were recorded) asks more whenever it is sensitive now.
 * Undefined when it asks nothing more.
 */
export function tighterBy(
  before: StoredRedaction | undefined,
  now: StoredRedaction,
  database: string,
): string | undefined {
  const newly = [...withheldSet(now)].filter(
    w => !before || !withheldSet(before).has(w),
  );
  const nowSensitive = now.sensitive && !before?.sensitive;
  if (!nowSensitive && newly.length === 0) return undefined;
  return `The classification of ${database} changed after the request: ${[
    ...(nowSensitive
      ? [
          'it is now classified sensitive, so two data owners approve (none of the project owner group)',
        ]
      : []),
    ...(newly.length ? [`now withheld: ${newly.join(', ')}`] : []),
  ].join('; ')}.`;
}

/** Whether two redactions grant the same (tables, withheld, approvers). */
export function sameRedaction(
  a: StoredRedaction | undefined,
  b: StoredRedaction,
) {
  const key = (r: StoredRedaction) =>
    JSON.stringify([
      r.sensitive,
      [...r.tables].sort(),
      [...withheldSet(r)].sort(),
      r.devStage ?? null,
    ]);
  return a !== undefined && key(a) === key(b);
}
