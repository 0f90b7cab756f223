import { DataGrantAccess } from '../schema/openapi/generated/models';

/** What the project account holds of an active grant, as read from AWS. @public */
export interface DataGrantAccessRead {
  link: string;
  /** Whether the link is there and points at the granted database. */
  linkOk: boolean;
  rolesGranted: string[];
  rolesMissing: string[];
}

const REAPPLY =
  'ask for the database again (Create → Request data-lake access, same account): the suite applies an active grant again and makes what is missing';

/**
 * Whether a notebook can read an active grant: in sync when the resource
 * link is there and every Studio execution role holds its grants; drift,
 * saying what is missing and what to do, otherwise; unknown when AWS could
 * not be read (`read` is the failure's message).
 *
 * @public
 */
export function dataGrantAccess(
  accountId: string,
  database: string,
  link: string,
  read: DataGrantAccessRead | { error: string },
): DataGrantAccess {
  if ('error' in read) {
    return {
      link,
      state: 'unknown',
      problems: [
        `Lake Formation in ${accountId} could not be read: ${read.error}`,
      ],
    };
  }
  const problems: string[] = [];
  if (!read.linkOk) {
    problems.push(
      `The resource link ${link} to ${database} is missing in ${accountId} (or points elsewhere): notebooks cannot query it; ${REAPPLY}`,
    );
  }
  if (read.rolesGranted.length + read.rolesMissing.length === 0) {
    problems.push(
      `${accountId} has no Studio execution role to grant ${database} to (no Studio product found): launch the project's Studio, then ${REAPPLY}`,
    );
  }
  if (read.linkOk && read.rolesMissing.length > 0) {
    problems.push(
      `${read.rolesMissing.join(
        ', ',
      )} may not read ${link} (its DESCRIBE or the tables' SELECT is missing): ${REAPPLY}`,
    );
  }
  return {
    link,
    state: problems.length > 0 ? 'drift' : 'in-sync',
    problems,
    roles: read.rolesGranted,
  };
}
