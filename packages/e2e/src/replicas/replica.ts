// The two replicas: each a backend of the installed bundle, reached by the
// test on its port and reaching AWS through its own proxy (proxy.ts).
import { resolve } from 'node:path';
import { start, waitFor, type Started } from '../lib/processes.ts';
import { DEPLOY, OUT, ROOT, replicaEnv } from './config.ts';

/** A drill's trigger: the operation whose applied call kills a replica. */
export type Armed = {
  operation: string;
  /** The emulator's count of `operation` before the drill's task. */
  before: number;
  done?: boolean;
  /** Told the killed replica's name. */
  fire: (name: string) => void;
};

export type Replica = {
  name: string;
  port: number;
  awsPort: number;
  url: string;
  log: string;
  armed?: Armed;
  process?: Started;
};

export const replicas: Replica[] = ['A', 'B'].map((name, i) => ({
  name,
  port: 7027 + i,
  awsPort: 4601 + i,
  url: `http://localhost:${7027 + i}`,
  log: resolve(OUT, `replica-${name}.log`),
}));

export const other = (replica: Replica): Replica | undefined =>
  replicas.find(r => r !== replica);

/** Starts (or restarts) a replica; whether it became ready. */
export function startReplica(replica: Replica): Promise<boolean | undefined> {
  const started = start(
    process.execPath,
    [
      'packages/backend',
      '--config',
      resolve(ROOT, 'app-config.yaml'),
      '--config',
      resolve(ROOT, 'app-config.production.yaml'),
      '--config',
      resolve(OUT, 'replicas.yaml'),
    ],
    // A restarted replica's log continues its first one.
    {
      cwd: DEPLOY,
      env: replicaEnv(replica.port, replica.awsPort),
      log: replica.log,
      append: true,
    },
  );
  replica.process = started;
  return Promise.race([
    waitFor(
      async () =>
        (await fetch(`${replica.url}/.backstage/health/v1/readiness`)).ok,
      300_000,
    ),
    started.exit.then(() => false),
  ]);
}

export async function guestToken(
  replica: Replica,
): Promise<string | undefined> {
  const res = await fetch(`${replica.url}/api/auth/guest/refresh`, {
    method: 'POST',
  });
  return res.ok ? (await res.json()).backstageIdentity?.token : undefined;
}

/** An answer of a replica: the parsed JSON body, else its text. */
export type Answer = { status: number; body: any };
export type Api = (
  replica: Replica,
  path: string,
  init?: RequestInit,
) => Promise<Answer>;

/** Calls a replica with the guest's `token`. */
export function createApi(token: string | undefined): Api {
  return async (replica, path, init = {}) => {
    const res = await fetch(`${replica.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  };
}
