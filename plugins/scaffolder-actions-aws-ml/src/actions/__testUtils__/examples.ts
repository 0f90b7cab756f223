import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { AwsMlActionDeps } from '../deps';
import { startActionsEnv } from './emulator';
import { createTestActionContext } from './testing';
import { testAuthority } from './authority';

type Env = Awaited<ReturnType<typeof startActionsEnv>>;

/**
 * Runs the first step of an example template against a fresh emulator with
 * the demo organization, then hands the result to `check`.
 */
export async function runExample(
  example: string,
  createAction: (deps: AwsMlActionDeps) => TemplateAction<any, any, any>,
  check: (result: {
    input: any;
    outputs: Record<string, any>;
    env: Env;
  }) => void | Promise<void>,
  authority?: ReturnType<typeof testAuthority>,
) {
  const env = await startActionsEnv({}, {}, authority);
  try {
    const step = yaml.parse(example).steps[0];
    const action = createAction(env.deps);
    expect(step.action).toBe(action.id);
    const { ctx, outputs } = createTestActionContext(step.input);
    await action.handler(ctx);
    await check({ input: step.input, outputs, env });
  } finally {
    await env.emulator.close();
  }
}
