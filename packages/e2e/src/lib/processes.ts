// Processes and HTTP waits for the end-to-end scripts: each child in its own
// process group with its output in a log, stopped by its group only.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `command args` in its own process group, logging to `log`. */
export type Started = {
  /** Resolves with the exit code when the process has ended. */
  exit: Promise<number | null>;
  readonly exited: boolean;
  /** SIGTERM to the group, SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL to the group at once, as a crash would end it. */
  kill(): void;
};

export function start(
  command: string,
  args: string[],
  {
    cwd,
    env,
    log,
    append = false,
  }: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    log: string;
    /** Adds to the log rather than starting it anew (a restarted process). */
    append?: boolean;
  },
): Started {
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ['ignore', openSync(log, append ? 'a' : 'w'), openSync(log, 'a')],
    env: { ...process.env, ...env },
  });
  let exited = false;
  const exit = new Promise<number | null>(resolve =>
    child.on('exit', code => {
      exited = true;
      resolve(code);
    }),
  );
  return {
    exit,
    get exited() {
      return exited;
    },
    async stop() {
      if (exited) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return; // already gone
      }
      const stopped = await Promise.race([
        exit.then(() => true),
        sleep(10_000).then(() => false),
      ]);
      if (!stopped) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    },
    kill() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** Polls `probe` until it returns something truthy, or undefined at the deadline. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  timeoutMs: number,
  intervalMs = 1000,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await sleep(intervalMs);
  }
  return undefined;
}
