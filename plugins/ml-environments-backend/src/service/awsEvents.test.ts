import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  CreateAccountCommand,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import {
  SchedulerService,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import awsSqsEventsModule from '@backstage/plugin-events-backend-module-aws-sqs';
import {
  readSeedFile,
  startEmulator,
  SUITE_ACCESS_KEY,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import { resolve } from 'node:path';
import request from 'supertest';
import { mlEnvironmentsPlugin } from '../plugin';
import { refreshOrThrow } from './__testUtils__/refresh';
import { managementOrganizations } from './__testUtils__/demoBackend';

const ADMIN = 'user:default/ada';
const UNOWNED_ACCOUNT = '100000000003';

/** Calls per service, SQS (the event queue) left out. */
function awsCalls(emulator: RunningEmulator) {
  return Object.entries(emulator.callCounts())
    .filter(([key]) => !key.startsWith('sqs:'))
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * The test backend's scheduler runs a task only when triggered: this module
 * hands the test the events plugin's scheduler, to run the SQS module's
 * receive loop as the real scheduler would.
 */
let eventsScheduler: SchedulerService;
const captureEventsScheduler = createBackendModule({
  pluginId: 'events',
  moduleId: 'test-scheduler',
  register(env) {
    env.registerInit({
      deps: { scheduler: coreServices.scheduler },
      async init({ scheduler }) {
        eventsScheduler = scheduler;
      },
    });
  },
});

describe("the organization's AWS events keep the status current", () => {
  let emulator: RunningEmulator;
  let server: any;
  const authorization = mockCredentials.user.header(ADMIN);
  const previousKeys = {
    id: process.env.AWS_ACCESS_KEY_ID,
    secret: process.env.AWS_SECRET_ACCESS_KEY,
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
      config: { asyncDelayMs: 0 },
    });
    // Backstage's SQS module reads the default credential chain: the
    // suite's management principal, under its generated policy.
    process.env.AWS_ACCESS_KEY_ID = SUITE_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = 'emulator-placeholder';
    const suite = suiteConfigFor(emulator.url);
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
      useEventBus: 'never',
    });
    ({ server } = await startTestBackend({
      features: [
        mlEnvironmentsPlugin,
        eventsPlugin,
        awsSqsEventsModule,
        captureEventsScheduler,
        // One process: one events service delivers to every plugin in it.
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        mockServices.rootConfig.factory({
          data: {
            ...suite,
            mlEnvironments: {
              ...suite.mlEnvironments,
              status: { awsEvents: { batch: { milliseconds: 50 } } },
            },
            events: {
              modules: {
                awsSqs: {
                  awsSqsConsumingEventPublisher: {
                    topics: {
                      'ml-environments-aws-events': {
                        queue: {
                          url: `${emulator.url}/111111111111/ml-governance-events`,
                          endpoint: emulator.url,
                          region: 'us-east-1',
                          waitTime: { seconds: 1 },
                        },
                        waitTimeAfterEmptyReceive: { milliseconds: 50 },
                      },
                    },
                  },
                },
              },
            },
          },
        }),
        mockServices.userInfo.mock({
          getUserInfo: async () => ({
            userEntityRef: ADMIN,
            ownershipEntityRefs: [ADMIN, 'group:default/platform-team'],
          }),
        }).factory,
        catalogServiceMock.factory({ entities: [] }),
      ],
    }));
    await refreshOrThrow(server, authorization);
  });

  afterAll(async () => {
    await emulator.close();
    process.env.AWS_ACCESS_KEY_ID = previousKeys.id;
    process.env.AWS_SECRET_ACCESS_KEY = previousKeys.secret;
  });

  const organization = async () =>
    (
      await request(server)
        .get('/api/ml-environments/organization')
        .set('authorization', authorization)
    ).body;

  function accountsOf(node: any): any[] {
    return [...node.accounts, ...node.children.flatMap(accountsOf)];
  }

  /**
   * Receives from SQS (one run of the SQS module's scheduled task) until the
   * view passes `check`; every step from queue to view is the real one.
   */
  async function eventually<T>(
    read: () => Promise<T>,
    check: (v: T) => boolean,
  ) {
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      await eventsScheduler.triggerTask(
        'events.awsSqs.publisher:ml-environments-aws-events',
      );
      await new Promise(r => setTimeout(r, 100));
    }
  }

  it('a tag change reaches the view through SQS, reading only that account', async () => {
    const organizations = managementOrganizations(emulator);
    const before = awsCalls(emulator);
    await organizations.send(
      new TagResourceCommand({
        ResourceId: UNOWNED_ACCOUNT,
        Tags: [{ Key: 'ml-project', Value: 'event-driven' }],
      }),
    );
    const view = await eventually(organization, v =>
      accountsOf(v.root).some(
        a => a.id === UNOWNED_ACCOUNT && a.project === 'event-driven',
      ),
    );
    // The tag call itself, then DescribeAccount, ListParents, ListTagsForResource.
    const reads = awsCalls(emulator) - before - 1;
    expect(reads).toBeLessThanOrEqual(10);
    expect(reads).toBeGreaterThan(0);
    expect(view.reconciledAt).toBeDefined();
    expect(Date.parse(view.takenAt)).toBeGreaterThan(
      Date.parse(view.reconciledAt),
    );
  });

  it('a new account is judged by its SCPs the moment its event is applied, without a full read', async () => {
    const organizations = managementOrganizations(emulator);
    await organizations.send(
      new CreateAccountCommand({
        AccountName: 'event-lab-sandbox',
        Email: 'aws+event-lab-sandbox@example.com',
      }),
    );
    const view = await eventually(organization, v =>
      accountsOf(v.root).some(a => a.name === 'event-lab-sandbox'),
    );
    const account = accountsOf(view.root).find(
      a => a.name === 'event-lab-sandbox',
    );
    const evaluated = await request(server)
      .post('/api/ml-environments/evaluate')
      .set('authorization', authorization)
      .send({ accountId: account.id, actions: ['s3:GetObject'] });
    expect(evaluated.status).toBe(200);
    // FullAWSAccess comes attached to the new account itself, and the root's.
    expect(evaluated.body.items[0]).toMatchObject({
      action: 's3:GetObject',
      decision: 'allowed',
    });
  });

  it("a Config compliance change turns the project's guardrail non-compliant", async () => {
    const layout = () =>
      request(server)
        .get('/api/ml-environments/projects/churn-prediction')
        .set('authorization', authorization)
        .then(r => r.body);
    const guardrailOf = (l: any) =>
      l.accounts
        .find((a: any) => a.id === '200000000011')
        .guardrails.find(
          (g: any) =>
            g.guardrailId === 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
        );
    expect(guardrailOf(await layout()).state).not.toBe('non-compliant');
    const response = await fetch(`${emulator.url}/_emulator/compliance`, {
      method: 'POST',
      body: JSON.stringify({
        accountId: '200000000011',
        control: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
        resourceId: 'churn-prediction-dev-features',
        compliance: 'NON_COMPLIANT',
      }),
    });
    expect(response.status).toBe(200);
    const after = await eventually(
      layout,
      l => guardrailOf(l)?.state === 'non-compliant',
    );
    expect(guardrailOf(after).state).toBe('non-compliant');
  });
});
