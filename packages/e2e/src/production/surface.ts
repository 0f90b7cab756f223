// What a production backend shows outside: the MCP tools an agent reaches,
// error bodies, security headers, and what its log keeps out.
import { readFileSync } from 'node:fs';
import type { Check } from '../lib/report.ts';
import type { Answer, Client } from './client.ts';

const READ_TOOLS = [
  'assess-ml-project-guardrails',
  'explain-ml-account-permission',
  'get-ml-project-cost',
  'get-ml-project-status',
  'get-organization-status',
  'list-ml-guardrail-exceptions',
  'plan-ml-project',
];

/** The suite's read-only actions, as an agent reaches them over MCP. */
export async function checkMcp({ mcp }: Client, check: Check): Promise<void> {
  const tools = await mcp('guest', 'tools/list', {});
  const toolNames: string[] = (tools.body?.result?.tools ?? []).map(
    (t: { name: string }) => t.name,
  );
  const statusTool = toolNames.find(n => n.endsWith('get-organization-status'));
  const answered = statusTool
    ? await mcp('guest', 'tools/call', { name: statusTool, arguments: {} })
    : undefined;
  check(
    "an agent (MCP) lists the suite's read-only tools and reads the organization's status",
    // Every read the guest may make; the product check is for administrators.
    JSON.stringify(
      toolNames.filter(n => /ml-|organization-status|product/.test(n)).sort(),
    ) ===
      JSON.stringify(
        READ_TOOLS.map(n => toolNames.find(t => t.endsWith(n)) ?? n).sort(),
      ) &&
      /o-demoorg0001/.test(answered?.body?.result?.content?.[0]?.text ?? ''),
    `tools ${toolNames.join(', ')}`,
  );
  const anonymousMcp = await mcp(undefined, 'tools/list', {});
  check(
    'MCP refuses a caller without credentials',
    anonymousMcp.status === 401,
    `status ${anonymousMcp.status}`,
  );
}

/** Error bodies and headers; the owner's Studio URL never in `logFile`. */
export async function checkErrorsAndLog(
  { call }: Client,
  check: Check,
  ownerStudio: Answer,
  logFile: string,
): Promise<void> {
  const errors = [
    await call('guest', 'GET', '/api/ml-environments/projects/Bad_Name'),
    await call('guest', 'GET', '/api/ml-environments/projects/no-such-project'),
    await call('mallory', 'GET', '/api/ml-environments/audit'),
  ];
  check(
    'error bodies carry a message, no stack trace and no file path',
    errors.every(
      e =>
        e.status >= 400 &&
        e.json?.error?.message &&
        !e.json.error.stack &&
        !/\/work\/|node_modules|\.ts:\d+/.test(e.text),
    ),
    errors.map(e => `${e.status}`).join(', '),
  );
  check(
    "responses carry Backstage's security headers",
    errors[0].headers.get('x-content-type-options') === 'nosniff' &&
      Boolean(errors[0].headers.get('content-security-policy')),
  );
  const log = readFileSync(logFile, 'utf8');
  check(
    'the Studio URL stays out of the log',
    Boolean(ownerStudio.json?.url) && !log.includes(ownerStudio.json.url),
  );
}
