import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  EventsService,
  EventsServiceSubscribeOptions,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { CreateBudgetCommand } from '@aws-sdk/client-budgets';
import {
  adminConfigFor,
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
// The suite's backend, which the retrievers read, started beside them.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlEnvironmentsPlugin from '@mlgov/plugin-ml-environments-backend';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import jsonRulesModule from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import techInsightsModuleMlEnvironments from '../index';

export const ADMIN = 'user:default/admin';
export const OWNER = 'user:default/guest';
const repo = resolve(__dirname, '../../../..');

export const mlSystem = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, annotations: { 'ml-environments.io/project': name } },
  spec: { owner: 'group:default/team-churn' },
});

/** Lets a test run Tech Insights' scheduled retrievers when it wants. */
function capturedScheduler() {
  const captured: { scheduler?: SchedulerService } = {};
  const module = createBackendModule({
    pluginId: 'tech-insights',
    moduleId: 'test-scheduler',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          captured.scheduler = scheduler;
        },
      });
    },
  });
  return { captured, module };
}

/** One in-process event bus for every plugin, as the events backend is. */
function sharedEvents() {
  const subscribers: EventsServiceSubscribeOptions[] = [];
  const bus: EventsService = {
    publish: async params => {
      for (const s of subscribers.filter(x =>
        x.topics.includes(params.topic),
      )) {
        await s.onEvent(params);
      }
    },
    subscribe: async options => {
      subscribers.push(options);
    },
  };
  return createServiceFactory({
    service: eventsServiceRef,
    deps: {},
    factory: () => bus,
  });
}

/** A request helper that fails the setup on an unexpected status. */
async function expectStatus(response: Promise<Response>, status: number) {
  const answer = await response;
  if (answer.status !== status) {
    throw new Error(`HTTP ${answer.status}: ${await answer.text()}`);
  }
  return answer.json();
}

/**
 * The demo organization in the emulator, the suite's backend on it with
 * Tech Insights, the JSON-rules checks and this module (the repository's
 * techInsights configuration), refreshed; churn-prediction with a data
 * access request and an exception waiting, nlp-playground's sandbox with its
 * spending limit.
 */
export async function startSuiteBackend(now: Date) {
  const emulator = await startEmulator({
    seed: readSeedFile(resolve(repo, 'packages/aws-emulator/seeds/demo.yaml')),
    config: { asyncDelayMs: 0 },
  });
  const suite = suiteConfigFor(emulator.url);
  const { captured, module } = capturedScheduler();
  const groups: Record<string, string> = {
    [ADMIN]: 'group:default/platform-team',
    [OWNER]: 'group:default/team-churn',
  };
  const { server } = await startTestBackend({
    features: [
      mlEnvironmentsPlugin,
      techInsightsPlugin,
      jsonRulesModule,
      techInsightsModuleMlEnvironments,
      module,
      sharedEvents(),
      mockServices.rootConfig.factory({
        data: {
          ...suite,
          techInsights: parse(
            readFileSync(resolve(repo, 'app-config.yaml'), 'utf8'),
          ).techInsights,
          mlEnvironments: {
            ...suite.mlEnvironments,
            permissions: { adminGroups: ['group:default/platform-team'] },
            projects: {
              adopt: ['churn-prediction', 'nlp-playground'].map(project => ({
                project,
                owner: 'group:default/team-churn',
              })),
            },
            dataLake: { accountId: '100000000011' },
          },
        },
      }),
      mockServices.userInfo.mock({
        getUserInfo: async (credentials: any) => {
          const ref = credentials.principal.userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, groups[ref]],
          };
        },
      }).factory,
      catalogServiceMock.factory({
        entities: [mlSystem('churn-prediction'), mlSystem('nlp-playground')],
      }),
    ],
  });
  const baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  const call = (method: string, path: string, who: string, body?: object) =>
    fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        authorization: mockCredentials.user.header(who),
        'content-type': 'application/json',
      },
      body: body && JSON.stringify(body),
    });

  const started = await expectStatus(
    call('POST', '/ml-environments/refresh', ADMIN),
    202,
  );
  for (;;) {
    const progress = await expectStatus(
      call('GET', `/ml-environments/refresh/${started.refreshId}`, ADMIN),
      200,
    );
    if (progress.state !== 'running') break;
    await new Promise(r => setTimeout(r, 20));
  }
  const accountOf = async (project: string, stage: string) => {
    const layout = await expectStatus(
      call('GET', `/ml-environments/projects/${project}`, OWNER),
      200,
    );
    return layout.accounts.find((a: any) => a.stage === stage).id as string;
  };
  const devAccount = await accountOf('churn-prediction', 'dev');
  await expectStatus(
    call(
      'POST',
      '/ml-environments/projects/churn-prediction/data-grants',
      OWNER,
      {
        accountId: devAccount,
        database: 'sales',
        reason: 'Features for the churn model',
      },
    ),
    201,
  );
  await expectStatus(
    call(
      'POST',
      '/ml-environments/projects/churn-prediction/exceptions',
      OWNER,
      {
        accountId: devAccount,
        guardrailId: 'deny-sagemaker-hosting',
        reason: 'A demo endpoint for the review board',
        endsAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      },
    ),
    201,
  );
  // The sandbox's spending limit, as provisioning makes it.
  const sandboxAccount = await accountOf('nlp-playground', 'sandbox');
  const admin = MlAwsClients.fromConfig(
    new ConfigReader(adminConfigFor(emulator.url)),
  );
  await (
    await admin.forAccount(sandboxAccount)
  ).budgets.send(
    new CreateBudgetCommand({
      AccountId: sandboxAccount,
      Budget: {
        BudgetName: 'nlp-playground-spending-limit',
        BudgetLimit: { Amount: '5000', Unit: 'USD' },
        TimeUnit: 'MONTHLY',
        BudgetType: 'COST',
      },
    }),
  );
  return {
    emulator,
    baseUrl,
    call,
    scheduler: () => captured.scheduler!,
    devAccount,
    sandboxAccount,
    /** The suite's AWS clients, as the module makes them. */
    clients: MlAwsClients.fromConfig(new ConfigReader(suite)),
  };
}
