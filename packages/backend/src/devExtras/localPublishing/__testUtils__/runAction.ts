import { mockServices } from '@backstage/backend-test-utils';
import { createPublishLocalAction } from '../publishLocal';

export const mockCredentials = {
  $$type: '@backstage/BackstageCredentials',
} as any;

/** Runs publish:local's handler as a task would; returns its outputs. */
export async function runPublishLocal(
  action: ReturnType<typeof createPublishLocalAction>,
  input: Record<string, unknown>,
  options: { workspacePath: string; isDryRun?: boolean },
) {
  const outputs: Record<string, any> = {};
  await action.handler({
    input,
    isDryRun: options.isDryRun ?? false,
    workspacePath: options.workspacePath,
    logger: mockServices.logger.mock(),
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    task: { id: 'task-1' },
    getInitiatorCredentials: async () => mockCredentials,
  } as any);
  return outputs;
}
