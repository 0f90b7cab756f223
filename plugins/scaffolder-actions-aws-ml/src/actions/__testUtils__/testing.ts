import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockServices } from '@backstage/backend-test-utils';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';

/**
 * A scaffolder action context for unit tests that records outputs and
 * logging.
 */
export function createTestActionContext<TInput extends JsonObject>(
  input: TInput,
  options: { isDryRun?: boolean } = {},
) {
  const outputs: Record<string, unknown> = {};
  const logger = mockServices.logger.mock();
  const ctx = {
    input,
    isDryRun: options.isDryRun ?? false,
    logger,
    workspacePath: '/tmp/workspace',
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    checkpoint: async ({ fn }: { fn: () => unknown }) => fn(),
    createTemporaryDirectory: async () => '/tmp/workspace-tmp',
    getInitiatorCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: {},
    }),
  } as unknown as ActionContext<TInput, any, 'v2'>;
  return { ctx, outputs, logger };
}

/** Clients whose SDK calls go to aws-sdk-client-mock. */
export const mockedClients = {
  organizations: async () => new OrganizationsClient({ region: 'us-east-1' }),
};
