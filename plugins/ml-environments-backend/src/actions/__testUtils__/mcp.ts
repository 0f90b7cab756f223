import request from 'supertest';

/** One JSON-RPC call to the MCP endpoint; answers may come as an SSE event. */
export async function mcp(
  server: any,
  authorization: string,
  method: string,
  params: object = {},
) {
  const res = await request(server)
    .post('/api/mcp-actions/v1')
    .set('authorization', authorization)
    .set('accept', 'application/json, text/event-stream')
    .send({ jsonrpc: '2.0', id: 1, method, params });
  const text = res.text;
  const data = text.startsWith('{')
    ? text
    : text
        .split('\n')
        .filter(line => line.startsWith('data: '))
        .map(line => line.slice(6))
        .join('');
  return { status: res.status, body: JSON.parse(data) };
}

/** The text an MCP tool answered with, parsed when it is JSON. */
export function toolAnswer(body: any) {
  const text = body.result.content[0].text;
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { isError: Boolean(body.result.isError), text, json };
}

/** A tool by its action name, whatever prefix the registry gives it. */
export const toolNamed = (tools: any[], name: string) =>
  tools.find(t => t.name === name || t.name.endsWith(`.${name}`));
