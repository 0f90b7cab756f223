// The production backend as its test users reach it: sign-in through the
// test provider, JSON calls with a user's token, template runs through the
// scaffolder API and the MCP endpoint.
import { waitFor } from '../lib/processes.ts';
import { BACKEND } from './config.ts';

export type Who = 'guest' | 'mallory' | 'ada';
type Authorization = { authorization: string };
export type Users = Record<Who, Authorization>;

/** An answer of the backend; `json` is the parsed body when it is JSON. */
export type Answer = {
  status: number;
  text: string;
  // A response body of any route: its shape is open.
  json: any;
  headers: Headers;
};

export type TaskEnd = { status: string; errors: string[] };

async function signIn(user: Who): Promise<Authorization> {
  const res = await fetch(`${BACKEND}/api/auth/e2eUsers/refresh?user=${user}`, {
    method: 'POST',
  });
  const token = res.ok
    ? (await res.json()).backstageIdentity?.token
    : undefined;
  return { authorization: `Bearer ${token}` };
}

/** The test users' tokens, once the catalog has them. */
export function signInUsers(): Promise<Users | undefined> {
  return waitFor(async () => {
    const all: Users = {
      guest: await signIn('guest'),
      mallory: await signIn('mallory'),
      ada: await signIn('ada'),
    };
    return Object.values(all).every(h => !h.authorization.endsWith('undefined'))
      ? all
      : undefined;
  }, 120_000);
}

export type Client = ReturnType<typeof createClient>;

export function createClient(users: Users) {
  const call = async (
    who: Who,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer> => {
    const res = await fetch(`${BACKEND}${path}`, {
      method,
      headers: { ...users[who], 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, headers: res.headers };
  };

  /** Runs a template as a user through the scaffolder API; its end and errors. */
  const runTask = async (
    who: Who,
    template: string,
    values: Record<string, unknown>,
  ): Promise<TaskEnd> => {
    const created = await waitFor(async () => {
      const res = await call(who, 'POST', '/api/scaffolder/v2/tasks', {
        templateRef: `template:default/${template}`,
        values,
      });
      return res.status === 201 ? res : undefined;
    }, 120_000);
    if (!created) return { status: 'not created', errors: [] };
    const task = await waitFor(async () => {
      const res = await call(
        who,
        'GET',
        `/api/scaffolder/v2/tasks/${created.json.id}`,
      );
      return ['completed', 'failed', 'cancelled'].includes(res.json?.status)
        ? res.json
        : undefined;
    }, 300_000);
    const events = await call(
      who,
      'GET',
      `/api/scaffolder/v2/tasks/${created.json.id}/events`,
    );
    return {
      status: task?.status ?? 'unfinished',
      errors: ((events.json ?? []) as any[])
        .filter(e => e.body?.error)
        .map(e => e.body.error.message),
    };
  };

  /** A JSON-RPC call of the MCP endpoint, as a user or without credentials. */
  const mcp = async (
    who: Who | undefined,
    method: string,
    params: unknown,
  ): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${BACKEND}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        ...(who ? users[who] : {}),
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const text = await res.text();
    const data = text.startsWith('{')
      ? text
      : text
          .split('\n')
          .filter(line => line.startsWith('data: '))
          .map(line => line.slice(6))
          .join('');
    return { status: res.status, body: data ? JSON.parse(data) : undefined };
  };

  return { call, runTask, mcp };
}
