import {
  TestBackend,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { Entity } from '@backstage/catalog-model';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { resolve } from 'node:path';
import { mlEnvironmentsPlugin } from '../../plugin';
import { refreshAndWait } from './refresh';

export const churnSystem = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'churn-prediction',
    annotations: {
      'ml-environments.io/project': 'churn-prediction',
      'ml-environments.io/pattern': 'mlops',
    },
  },
  spec: { owner: 'group:default/team-churn' },
};

const group = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [] },
});

/** The demo seed's projects as the platform team adopts them in app-config. */
const adopt = [
  { project: 'churn-prediction', owner: 'group:default/team-churn' },
  { project: 'fraud-detection', owner: 'group:default/team-fraud' },
  { project: 'nlp-playground', owner: 'group:default/team-churn' },
];

/** Users and the groups they belong to, answered per request's user. */
export function membersOf(members: Record<string, string[]>) {
  return mockServices.userInfo.mock({
    getUserInfo: async (credentials: any) => {
      const ref = credentials.principal.userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(members[ref] ?? [])],
      };
    },
  }).factory;
}

/** A notification service that keeps what it was asked to send. */
export function recordedNotifications() {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (options: NotificationSendOptions) => {
        sent.push(options);
      },
    }),
  });
  return { sent, factory };
}

export const GUEST = 'user:default/guest';
export const MALLORY = 'user:default/mallory';
export const asUser = (ref: string) => mockCredentials.user.header(ref);
/** The scaffolder acting for a user, as a template's task calls the backend. */
export const asTask = (ref: string) =>
  `Bearer ${mockCredentials.user.token(ref, {
    actor: { subject: 'plugin:scaffolder' },
  })}`;

export function userInfoOf(userEntityRef: string, groups: string[]) {
  return mockServices.userInfo.mock({
    getUserInfo: async () => ({
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, ...groups],
    }),
  }).factory;
}

/**
 * The routers' tests' backend: an emulator with the demo organization for
 * the describe block that calls this, and test backends on it.
 */
export function demoBackend() {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(
          __dirname,
          '../../../../../packages/aws-emulator/seeds/demo.yaml',
        ),
      ),
      config: { asyncDelayMs: 0 },
    });
  });
  afterAll(() => emulator.close());

  /** A test backend on the emulator; pass services to replace the defaults. */
  function startBackend(
    services: any[],
    catalogEntities: Entity[] = [],
    status: object = {},
    /** More of mlEnvironments' configuration. */
    suite: object = {},
  ): Promise<TestBackend> {
    return startTestBackend({
      features: [
        mlEnvironmentsPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...suiteConfigFor(emulator.url),
            // For the actions registry (and MCP, when a test adds it).
            backend: { actions: { pluginSources: ['ml-environments'] } },
            mlEnvironments: {
              ...suiteConfigFor(emulator.url).mlEnvironments,
              projects: { adopt },
              // Notified at once unless a test asks for a settle time.
              status: {
                notifications: { settle: { milliseconds: 0 } },
                ...status,
              },
              ...suite,
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            churnSystem,
            ...catalogEntities,
            group('team-churn'),
            group('team-fraud'),
          ],
        }),
        ...services,
      ],
    });
  }

  async function backend(
    userInfo = userInfoOf('user:default/guest', ['group:default/team-churn']),
    catalogEntities: Entity[] = [],
    status: object = {},
  ): Promise<{ server: TestBackend['server']; user: string }> {
    const { server } = await startBackend([userInfo], catalogEntities, status);
    const user = mockCredentials.user.header('user:default/guest');
    expect((await refreshAndWait(server, user)).body.state).toBe('succeeded');
    return { server, user };
  }

  return { startBackend, backend, emulator: () => emulator };
}

/** The emulator's Organizations as the management account sees it. */
export function managementOrganizations(emulator: RunningEmulator) {
  return new OrganizationsClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: {
      accessKeyId: 'emulator-management',
      secretAccessKey: 'emulator-placeholder',
    },
  });
}

/** Creates an account as provisioning does (tagged with its project's identity); its id. */
export async function createTaggedAccount(
  emulator: RunningEmulator,
  name: string,
  tags: Record<string, string>,
) {
  const org = managementOrganizations(emulator);
  const { CreateAccountStatus } = await org.send(
    new CreateAccountCommand({
      AccountName: name,
      Email: `${name}@example.com`,
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  for (;;) {
    const { CreateAccountStatus: status } = await org.send(
      new DescribeCreateAccountStatusCommand({
        CreateAccountRequestId: CreateAccountStatus!.Id,
      }),
    );
    if (status?.State === 'SUCCEEDED') return status.AccountId!;
    if (status?.State === 'FAILED') throw new Error(status.FailureReason);
    await new Promise(r => setTimeout(r, 20));
  }
}
