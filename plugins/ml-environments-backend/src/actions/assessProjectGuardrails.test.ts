import { mockCredentials } from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import request from 'supertest';
import { refreshAndWait } from '../service/__testUtils__/refresh';
import { demoBackend, userInfoOf } from '../service/__testUtils__/demoBackend';
import { mcp, toolAnswer, toolNamed } from './__testUtils__/mcp';

describe('assess-ml-project-guardrails over MCP', () => {
  const { startBackend } = demoBackend();

  it('answers as GET /projects/{project}/guardrails/assessment does, read-only, and names an unknown project', async () => {
    const { server } = await startBackend([
      userInfoOf('user:default/guest', ['group:default/team-churn']),
      mcpActionsPlugin,
    ]);
    const user = mockCredentials.user.header('user:default/guest');
    expect((await refreshAndWait(server, user)).body.state).toBe('succeeded');
    const { body: list } = await mcp(server, user, 'tools/list');
    const tool = toolNamed(list.result.tools, 'assess-ml-project-guardrails');
    expect(tool.annotations).toMatchObject({
      readOnlyHint: true,
      idempotentHint: true,
      destructiveHint: false,
    });
    const call = async (project: string) =>
      toolAnswer(
        (
          await mcp(server, user, 'tools/call', {
            name: tool.name,
            arguments: { project },
          })
        ).body,
      );

    const answer = await call('churn-prediction');
    expect(answer.isError ? answer.text : 'ok').toBe('ok');
    const route = await request(server)
      .get(
        '/api/ml-environments/projects/churn-prediction/guardrails/assessment',
      )
      .set('authorization', user);
    expect(answer.json).toEqual(route.body);
    const dev = answer.json.accounts.find((a: any) => a.stage === 'dev');
    expect(
      dev.calls.find((c: any) => c.check === 'deploy-endpoint'),
    ).toMatchObject({
      decision: 'denied',
      policy: 'mlgov-deny-sagemaker-hosting',
    });

    const unknown = await call('no-such-project');
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/^NotFoundError/);
  });
});
