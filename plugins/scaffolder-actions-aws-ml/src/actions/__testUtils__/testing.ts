import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  MlAwsClients,
  readMlProvisioningConfig,
} from '@mlgov/plugin-ml-environments-node';
import { AwsMlActionDeps } from '../deps';
import { testAuthority } from './authority';

/**
 * A scaffolder action context for tests that records outputs and logging.
 * Pass the same `checkpoints` map to a second run to play a recovered task.
 */
export function createTestActionContext<TInput extends JsonObject>(
  input: TInput,
  options: {
    isDryRun?: boolean;
    checkpoints?: Map<string, JsonValue | void>;
    signal?: AbortSignal;
    taskId?: string;
  } = {},
) {
  const outputs: Record<string, any> = {};
  const logger = mockServices.logger.mock();
  const checkpoints = options.checkpoints ?? new Map();
  const ctx = {
    input,
    isDryRun: options.isDryRun ?? false,
    logger,
    signal: options.signal,
    workspacePath: '/tmp/workspace',
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    checkpoint: async ({
      key,
      fn,
    }: {
      key: string;
      fn: () => Promise<JsonValue | void>;
    }) => {
      if (!checkpoints.has(key)) checkpoints.set(key, await fn());
      return checkpoints.get(key);
    },
    createTemporaryDirectory: async () => '/tmp/workspace-tmp',
    getInitiatorCredentials: async () =>
      mockCredentials.user('user:default/guest'),
    task: { id: options.taskId ?? 'task-1' },
  } as unknown as ActionContext<TInput, any, 'v2'>;
  const logged = () => logger.info.mock.calls.map(call => String(call[0]));
  return { ctx, outputs, logger, logged, checkpoints };
}

/** Provisioning settings for tests: defaults, with fast polling. */
export function testProvisioning(mlEnvironments: object = {}) {
  return readMlProvisioningConfig(
    new ConfigReader({
      mlEnvironments: {
        provisioning: { pollIntervalSeconds: 0.01, timeoutMinutes: 1 },
        ...mlEnvironments,
      },
    }),
  );
}

/** Deps whose Organizations calls go to aws-sdk-client-mock. */
export const mockedDeps: AwsMlActionDeps = {
  clients: {
    awsConfig: {
      region: 'us-east-1',
      memberAccountRoleName: 'OrganizationAccountAccessRole',
      maxAttempts: 1,
      configAggregatorName: 'aws-controltower-ConfigAggregatorForOrganizations',
      organizationsRateLimits: {},
    },
    organizations: async () => new OrganizationsClient({ region: 'us-east-1' }),
    controlTower: () => Promise.reject(new Error('not mocked')),
    forAccount: () => Promise.reject(new Error('not mocked')),
    // Roles are assumable at once here; propagation is tested on the emulator.
    assumeRoleRefusal: async () => undefined,
    iam: () => Promise.reject(new Error('not mocked')),
    managementIdentity: () => Promise.reject(new Error('not mocked')),
    managementBudgets: () => Promise.reject(new Error('not mocked')),
    // Mocked clients never retry, so the listener is never told.
    withRetryListener: () => mockedDeps.clients as MlAwsClients,
  },
  provisioning: testProvisioning(),
  projects: testAuthority().authority,
  permissions: testAuthority().permissions,
};
