import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type DeepPartial,
  type EmulatorConfig,
  defaultConfig,
  mergeConfig,
} from './config.ts';
import { ids } from './ids.ts';
import { Throttle, seededRandom } from './limits.ts';
import { type SeedDocument, loadSeed } from './seed.ts';
import { handleStudio } from './services/sagemaker/studio.ts';
import { configureEventDelivery } from './events.ts';
import { ensureQueue } from './services/sqs/index.ts';
import { handleAdmin } from './serverAdmin.ts';
import { handleAws } from './serverDispatch.ts';
import { type Reply, jsonReply } from './serverWire.ts';
import { mutatingOnly } from './serviceRegistry.ts';
import type { EmulatorState } from './state.ts';

export { MUTATIONS, SERVICES, isMutatingOperation } from './serviceRegistry.ts';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface EmulatorOptions {
  port?: number;
  host?: string;
  seed?: SeedDocument;
  config?: DeepPartial<EmulatorConfig>;
}

export interface RunningEmulator {
  url: string;
  port: number;
  config: EmulatorConfig;
  /** The live state, for tests that look behind the API. */
  readonly state: EmulatorState;
  /** Calls per `service:Operation` since start or the last reset. */
  callCounts(): Record<string, number>;
  /** The same, for the operations that change state only. */
  mutatingCallCounts(): Record<string, number>;
  /** Calls answered with a throttling error, per `service:Operation`. */
  throttledCallCounts(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const config = mergeConfig(defaultConfig, options.config);
  let state = withEventsQueue(loadSeed(options.seed ?? {}));
  let counts: Record<string, number> = {};
  let throttled: Record<string, number> = {};
  let throttle = new Throttle(config.throttling);
  let random = seededRandom(config.faults.seed);

  function reset() {
    state = withEventsQueue(loadSeed(options.seed ?? {}));
    counts = {};
    throttled = {};
    throttle = new Throttle(config.throttling);
    random = seededRandom(config.faults.seed);
  }

  /** Changes knobs while the emulator runs (PUT /_emulator/config). */
  function configure(override: DeepPartial<EmulatorConfig>) {
    Object.assign(config, mergeConfig(config, override));
    withEventsQueue(state);
    throttle = new Throttle(config.throttling);
    random = seededRandom(config.faults.seed);
  }

  /** The queue EventBridge delivers the organization's events to, as configured. */
  function withEventsQueue(loaded: EmulatorState) {
    loaded.eventsQueue = undefined;
    if (config.eventsQueue && loaded.managementAccountId) {
      const queue = ensureQueue(
        loaded,
        loaded.managementAccountId,
        config.eventsQueue,
      );
      loaded.eventsQueue = `${queue.accountId}/${queue.name}`;
    }
    configureEventDelivery(loaded, config.eventDelivery);
    return loaded;
  }

  // Getters, so a call under way sees a reset or a config change as it lands.
  const live = {
    config,
    get state() {
      return state;
    },
    get counts() {
      return counts;
    },
    get throttled() {
      return throttled;
    },
    get throttle() {
      return throttle;
    },
    get random() {
      return random;
    },
    configure,
    reset,
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', async () => {
      const requestId = ids.requestId();
      let reply: Reply;
      try {
        reply =
          size > MAX_BODY_BYTES
            ? jsonReply(413, {
                __type: 'SerializationException',
                message: 'Request body too large.',
              })
            : handleAdmin(live, req, Buffer.concat(chunks).toString('utf8')) ??
              handleStudio(live.state, req) ??
              (await handleAws(
                live,
                req,
                Buffer.concat(chunks).toString('utf8'),
                requestId,
              ));
      } catch (error) {
        reply = jsonReply(500, {
          __type: 'InternalFailure',
          message: `The emulator failed: ${(error as Error).message}`,
        });
      }
      if (reply.lost) {
        res.socket?.destroy();
        return;
      }
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () =>
      resolve(),
    );
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    config,
    get state() {
      return state;
    },
    callCounts: () => ({ ...counts }),
    mutatingCallCounts: () => mutatingOnly(counts),
    throttledCallCounts: () => ({ ...throttled }),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
