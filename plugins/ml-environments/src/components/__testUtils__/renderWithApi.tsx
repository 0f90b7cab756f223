import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { ApiRef } from '@backstage/core-plugin-api';
import { ReactElement } from 'react';
import {
  MlEnvironmentsApi,
  mlEnvironmentsApiRef,
  mlScorecardApiRef,
} from '../../api';
import { churnLayout, organization, projectEntity } from './fixtures';

/**
 * Renders `element` in a test app with the given backend answers, for the
 * given entity, with every permission allowed or denied.
 */
export async function renderWithApi(
  element: ReactElement,
  api: Partial<MlEnvironmentsApi>,
  entity: Entity = projectEntity,
  permissions: 'allow' | 'deny' = 'allow',
  /** More APIs, e.g. signals. */
  apis: Array<readonly [ApiRef<any>, any]> = [],
) {
  const fullApi: MlEnvironmentsApi = {
    getProject: jest.fn(async () => churnLayout),
    getOrganization: jest.fn(async () => organization),
    getProjectRecord: jest.fn(async () => undefined),
    getProjectAvailability: jest.fn(async (name: string) => ({
      available: true,
      reason: `'${name}' is free`,
    })),
    getTargetGuardrails: jest.fn(async () => {
      throw new Error('getTargetGuardrails not set up in this test');
    }),
    refresh: jest.fn(async () => ({
      id: 'refresh-1',
      state: 'succeeded' as const,
      startedAt: organization.takenAt,
      loading: [],
      takenAt: organization.takenAt,
    })),
    createStudioUrl: jest.fn(),
    createStudioProfile: jest.fn(),
    // Still loading unless a test answers it: the cost card stays quiet.
    getProjectCost: jest.fn(() => new Promise<never>(() => {})),
    assessGuardrails: jest.fn(() => new Promise<never>(() => {})),
    listProjectCosts: jest.fn(() => new Promise<never>(() => {})),
    listExceptions: jest.fn(async () => []),
    decideException: jest.fn(),
    listDatasets: jest.fn(async () => []),
    listDataGrants: jest.fn(async () => []),
    decideDataGrant: jest.fn(),
    updateProjectProduct: jest.fn(),
    ...api,
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [mlEnvironmentsApiRef, fullApi],
        [
          permissionApiRef,
          mockApis.permission({
            authorize:
              permissions === 'allow'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          }),
        ],
        // Still loading unless a test passes its own: the scorecards stay quiet.
        [
          mlScorecardApiRef,
          {
            runChecks: () => new Promise<never>(() => {}),
            runChecksForEntities: () => new Promise<never>(() => {}),
          },
        ],
        ...apis,
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
  return fullApi;
}
