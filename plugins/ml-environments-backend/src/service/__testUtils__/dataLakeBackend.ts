import request from 'supertest';
import type { TestBackend } from '@backstage/backend-test-utils';
import { asUser, demoBackend, membersOf } from './demoBackend';
import { catalogUsers } from './catalogUsers';
import { refreshOrThrow } from './refresh';

// The data-grant tests' backend: the demo organization with its data lake
// account, a platform team of administrators and a data-owner group, the
// snapshot read once before the test asks anything.

export const ADMIN = 'user:default/admin';
export const DATA_LAKE = '100000000011';
export const OWNERS = 'group:default/data-owners';
export const PROJECT = 'churn-prediction';

type DemoBackend = ReturnType<typeof demoBackend>;

export type DataLakeBackendOptions = {
  /** Who is in which group at sign-in. */
  members: Record<string, string[]>;
  /** Who is in which group in the catalog (none unless given). */
  catalog?: Record<string, string[]>;
  /** `mlEnvironments.dataLake`; `false` leaves it unset. */
  dataLake?: object | false;
  /** More backend services (a notification recorder, a policy). */
  services?: any[];
};

/** The data lake configuration most tests use: stores is self-service. */
export function dataLakeConfig(
  selfServiceDatabases: string[] = ['stores'],
  ownerGroups: string[] = [OWNERS],
) {
  return { accountId: DATA_LAKE, ownerGroups, selfServiceDatabases };
}

/** A started backend with a complete snapshot. */
export async function startDataLakeBackend(
  { startBackend }: DemoBackend,
  options: DataLakeBackendOptions,
): Promise<TestBackend['server']> {
  const dataLake = options.dataLake ?? dataLakeConfig();
  const { server } = await startBackend(
    [membersOf(options.members), ...(options.services ?? [])],
    options.catalog ? catalogUsers(options.catalog) : [],
    { refreshMinInterval: { milliseconds: 0 } },
    {
      permissions: { adminGroups: ['group:default/platform-team'] },
      ...(dataLake ? { dataLake } : {}),
    },
  );
  await refreshOrThrow(server, asUser(ADMIN));
  return server;
}

/** The account of a project's stage, from the suite's record. */
export async function accountOf(
  server: any,
  project: string,
  stage: string,
): Promise<string> {
  const record = await request(server)
    .get(`/api/ml-environments/projects/${project}/record`)
    .set('authorization', asUser(ADMIN));
  return record.body.accounts.find((a: any) => a.stage === stage)?.accountId;
}

/** A POST to the suite's routes with this authorization header. */
export const postAs = (
  server: any,
  authorization: string,
  path: string,
  body: object = {},
) =>
  request(server)
    .post(`/api/ml-environments${path}`)
    .set('authorization', authorization)
    .send(body);
