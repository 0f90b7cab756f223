// The backend as the template checks call it: JSON over HTTP with a user's
// token, the scaffolder's tasks run to their end, the local users' sign-in.
import { waitFor } from '../lib/processes.ts';

/** Request headers, e.g. a user's `authorization`. */
export type Headers = Record<string, string>;

export type ApiInit = Omit<RequestInit, 'headers'> & { headers?: Headers };

/** An answer: its status and its body, parsed as JSON when it is JSON. */
export type ApiAnswer = {
  status: number;
  // The routes' bodies are many JSON shapes; each check reads what it needs.
  body: any;
};

/** Calls a backend route, as the guest unless `as` says whom. */
export type Api = (
  path: string,
  init?: ApiInit,
  as?: Headers,
) => Promise<ApiAnswer>;

/** A project's account as the suite's record holds it. */
export type RecordAccount = { stage: string; accountId: string };

/** How a scaffolder task ended, or how its creation was rejected. */
export type TaskRun = {
  /** completed, failed, cancelled, timed out, or `rejected <status>`. */
  status: string;
  id?: string;
  /** The task's error messages; absent when it was rejected. */
  errors?: string[];
  /** The task's log, a message a line; absent when it was rejected. */
  log?: string;
  /** The rejection's body. */
  body?: unknown;
};

/** Runs a template to its end, as the guest unless `as` says whom. */
export type RunTemplate = (
  template: string,
  values: Record<string, unknown>,
  as?: Headers,
) => Promise<TaskRun>;

/** Polls every 2 s until `probe` gives something truthy, or undefined. */
export function waitUntil<T>(
  probe: () => Promise<T>,
  timeoutMs: number,
): Promise<T | undefined> {
  return waitFor(probe, timeoutMs, 2000);
}

export function createApi(backend: string, token: string | undefined): Api {
  const auth = { authorization: `Bearer ${token}` };
  return async (path, init = {}, as = auth) => {
    const response = await fetch(`${backend}${path}`, {
      ...init,
      headers: { ...as, 'content-type': 'application/json', ...init.headers },
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body };
  };
}

type TaskEvent = { body?: { message?: string; error?: { message: string } } };

export function createRunTemplate(api: Api): RunTemplate {
  return async (template, values, as) => {
    const created = await api(
      '/api/scaffolder/v2/tasks',
      {
        method: 'POST',
        body: JSON.stringify({
          templateRef: `template:default/${template}`,
          values,
        }),
      },
      as,
    );
    if (created.status !== 201)
      return { status: `rejected ${created.status}`, body: created.body };
    const { id } = created.body as { id: string };
    const task = await waitUntil(async () => {
      const { body } = await api(`/api/scaffolder/v2/tasks/${id}`);
      return ['completed', 'failed', 'cancelled'].includes(body.status)
        ? (body as { status: string })
        : undefined;
    }, 600_000);
    const { body } = await api(`/api/scaffolder/v2/tasks/${id}/events`);
    const events: TaskEvent[] = Array.isArray(body) ? body : [];
    const errors = events
      .filter(e => e.body?.error)
      .map(e => e.body!.error!.message);
    const log = events.map(e => e.body?.message ?? '').join('\n');
    return { status: task?.status ?? 'timed out', id, errors, log };
  };
}

/** A local user's token from the dev backend's devUsers sign-in. */
export async function devUser(api: Api, name: string): Promise<Headers> {
  const signIn = await api(
    `/api/auth/devUsers/refresh?user=${name}`,
    { method: 'POST' },
    {},
  );
  return {
    authorization: `Bearer ${signIn.body?.backstageIdentity?.token}`,
  };
}
