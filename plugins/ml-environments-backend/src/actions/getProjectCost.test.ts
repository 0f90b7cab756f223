import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import request from 'supertest';
import {
  GUEST,
  MALLORY,
  asUser,
  demoBackend,
  membersOf,
} from '../service/__testUtils__/demoBackend';
import { refreshOrThrow } from '../service/__testUtils__/refresh';

/** One MCP tool call (JSON-RPC; the answer may come as an SSE event). */
async function mcp(server: any, who: string, method: string, params = {}) {
  const res = await request(server)
    .post('/api/mcp-actions/v1')
    .set('authorization', asUser(who))
    .set('accept', 'application/json, text/event-stream')
    .send({ jsonrpc: '2.0', id: 1, method, params });
  const data = res.text.startsWith('{')
    ? res.text
    : res.text
        .split('\n')
        .filter(line => line.startsWith('data: '))
        .map(line => line.slice(6))
        .join('');
  return JSON.parse(data);
}

describe('the get-ml-project-cost action over MCP', () => {
  const { startBackend } = demoBackend();
  let server: any;
  let tool: any;

  const call = async (who: string, project: string) => {
    const body = await mcp(server, who, 'tools/call', {
      name: tool.name,
      arguments: { project },
    });
    const text = body.result.content[0].text;
    return { isError: Boolean(body.result.isError), text };
  };

  beforeAll(async () => {
    ({ server } = await startBackend([
      membersOf({
        [GUEST]: ['group:default/team-churn'],
        [MALLORY]: ['group:default/team-fraud'],
      }),
      mcpActionsPlugin,
    ]));
    await refreshOrThrow(server, asUser(GUEST));
    const list = await mcp(server, GUEST, 'tools/list');
    tool = list.result.tools.find((t: any) =>
      /(^|\.)get-ml-project-cost$/.test(t.name),
    );
  });

  it('is listed read-only, idempotent and not destructive', () => {
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: true,
      idempotentHint: true,
      destructiveHint: false,
    });
  });

  it("answers the owner group's member what the cost route answers", async () => {
    const answer = await call(GUEST, 'churn-prediction');
    expect(answer.isError ? answer.text : 'ok').toBe('ok');
    const json = JSON.parse(answer.text);
    const route = await request(server)
      .get('/api/ml-environments/projects/churn-prediction/cost')
      .set('authorization', asUser(GUEST));
    expect(route.status).toBe(200);
    expect(json).toEqual(route.body);
    expect(json.monthToDate.total).toBeGreaterThan(0);
  });

  it("refuses another team's user, as the route does (403)", async () => {
    const answer = await call(MALLORY, 'churn-prediction');
    expect(answer.isError).toBe(true);
    expect(answer.text).toMatch(/^NotAllowedError: .*team-churn/);
    expect(answer.text).not.toMatch(/\d+\.\d\d/);
  });
});
