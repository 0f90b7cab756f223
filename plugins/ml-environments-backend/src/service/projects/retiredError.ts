import { ConflictError } from '@backstage/errors';
import { MlProjectRecord } from '@mlgov/plugin-ml-environments-common';

/** A retired project's name stays taken, so its history is never mixed with a new one. */
export function retiredError(record: MlProjectRecord) {
  const { retirement } = record;
  return new ConflictError(
    `ML project ${record.project} is ${
      retirement?.state ?? 'retired'
    } (asked by ${retirement?.requestedBy} on ${retirement?.requestedAt.slice(
      0,
      10,
    )}); it cannot be provisioned or changed again: start a project with a new name`,
  );
}
