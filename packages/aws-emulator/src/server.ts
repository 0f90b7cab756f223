import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { URLSearchParams } from 'node:url';
import {
  type DeepPartial,
  type EmulatorConfig,
  defaultConfig,
  matchesOperation,
  mergeConfig,
} from './config.ts';
import type { CallContext, Handlers } from './context.ts';
import { AwsError } from './errors.ts';
import { ids } from './ids.ts';
import { Throttle, injectedFault, seededRandom } from './limits.ts';
import {
  PROTOCOLS,
  parseAuthorization,
  queryError,
  queryInput,
  queryResponse,
  toJsonWire,
} from './protocols.ts';
import { type SeedDocument, loadSeed } from './seed.ts';
import { validateRequest } from './validation.ts';
import { budgetsHandlers, budgetsMutations } from './services/budgets/index.ts';
import { configHandlers, configMutations } from './services/config/index.ts';
import {
  controlTowerHandlers,
  controlTowerMutations,
} from './services/controltower/index.ts';
import {
  organizationsHandlers,
  organizationsMutations,
} from './services/organizations/index.ts';
import {
  sageMakerHandlers,
  sageMakerMutations,
} from './services/sagemaker/index.ts';
import {
  serviceCatalogHandlers,
  serviceCatalogMutations,
} from './services/servicecatalog/index.ts';
import { stsHandlers, stsMutations } from './services/sts/index.ts';
import {
  lakeFormationHandlers,
  lakeFormationMutations,
  ramHandlers,
  ramMutations,
} from './services/lakeformation/index.ts';
import { iamHandlers, iamMutations } from './services/iam/index.ts';
import {
  ensureQueue,
  sqsHandlers,
  sqsMutations,
} from './services/sqs/index.ts';
import { emitApiCallEvent } from './events.ts';
import { recordEvaluation } from './services/config/index.ts';
import type { EmulatorState } from './state.ts';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The operations served, by signing name. */
export const SERVICES: Record<string, Handlers> = {
  organizations: organizationsHandlers(),
  controltower: controlTowerHandlers(),
  config: configHandlers(),
  servicecatalog: serviceCatalogHandlers(),
  sagemaker: sageMakerHandlers(),
  budgets: budgetsHandlers(),
  sts: stsHandlers(),
  iam: iamHandlers(),
  sqs: sqsHandlers(),
  lakeformation: lakeFormationHandlers(),
  ram: ramHandlers(),
};

export interface EmulatorOptions {
  port?: number;
  host?: string;
  seed?: SeedDocument;
  config?: DeepPartial<EmulatorConfig>;
}

/** What each service declares as changing state, by signing name. */
export const MUTATIONS: Record<string, ReadonlySet<string>> = {
  organizations: organizationsMutations,
  controltower: controlTowerMutations,
  config: configMutations,
  servicecatalog: serviceCatalogMutations,
  sagemaker: sageMakerMutations,
  budgets: budgetsMutations,
  sts: stsMutations,
  iam: iamMutations,
  sqs: sqsMutations,
  lakeformation: lakeFormationMutations,
  ram: ramMutations,
};

/** Whether a `service:Operation` changes state (for "nothing changed" checks). */
export function isMutatingOperation(key: string): boolean {
  const [service, operation] = key.split(':');
  return MUTATIONS[service]?.has(operation ?? '') ?? false;
}

function mutatingOnly(counts: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(counts).filter(([key]) => isMutatingOperation(key)),
  );
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

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Drop the connection instead of answering. */
  lost?: boolean;
}

function jsonReply(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
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
    return loaded;
  }

  function awsReply(
    service: string,
    error: AwsError,
    requestId: string,
  ): Reply {
    const protocol = PROTOCOLS[service];
    if (protocol?.kind === 'query') {
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml' },
        body: queryError(protocol.xmlNamespace, error, requestId),
      };
    }
    const body: Record<string, unknown> = {
      message: error.message,
      ...error.fields,
    };
    if (protocol?.kind !== 'rest-json') {
      body.__type = error.code;
      body.Message = error.message;
    }
    return jsonReply(error.status, toJsonWire(body), {
      'x-amzn-errortype': error.code,
      'x-amzn-requestid': requestId,
    });
  }

  async function handleAws(
    req: http.IncomingMessage,
    rawBody: string,
    requestId: string,
  ): Promise<Reply> {
    const auth = parseAuthorization(req.headers.authorization);
    const service = auth?.service ?? 'unknown';
    const protocol = PROTOCOLS[service];
    if (!auth || !protocol) {
      return awsReply(
        service,
        new AwsError(
          auth
            ? 'UnknownOperationException'
            : 'MissingAuthenticationTokenException',
          auth
            ? `The emulator does not serve the service '${service}'.`
            : 'Requests must be signed with AWS Signature Version 4.',
          { status: auth ? 400 : 403 },
        ),
        requestId,
      );
    }

    let operation: string | undefined;
    let input: any;
    try {
      if (protocol.kind === 'json') {
        const target = String(req.headers['x-amz-target'] ?? '');
        const [prefix, op] = target.split('.');
        if (prefix !== protocol.targetPrefix || !op) {
          throw new AwsError(
            'UnknownOperationException',
            `X-Amz-Target '${target}' is not an operation of ${service}.`,
          );
        }
        operation = op;
        input = parseJson(rawBody);
      } else if (protocol.kind === 'rest-json') {
        const path = (req.url ?? '').split('?')[0];
        operation = protocol.routes[`${req.method} ${path}`];
        if (!operation) {
          throw new AwsError(
            'UnknownOperationException',
            `No operation at ${req.method} ${path}.`,
            {
              status: 404,
            },
          );
        }
        input = parseJson(rawBody);
      } else {
        const params = new URLSearchParams(rawBody);
        operation = params.get('Action') ?? '';
        input = queryInput(params);
        if (!SERVICES[service][operation]) {
          throw new AwsError(
            'InvalidAction',
            `Could not find operation ${operation}.`,
          );
        }
      }
    } catch (error) {
      return awsReply(service, asAwsError(error), requestId);
    }

    const key = `${service}:${operation}`;
    counts[key] = (counts[key] ?? 0) + 1;
    try {
      const handler = SERVICES[service][operation];
      if (!handler) {
        throw new AwsError(
          'UnknownOperationException',
          `The emulator does not implement ${key}.`,
        );
      }
      const caller = state.credentials.get(auth.accessKeyId);
      if (!caller) {
        throw service === 'sts'
          ? new AwsError(
              'InvalidClientTokenId',
              'The security token included in the request is invalid.',
              { status: 403 },
            )
          : new AwsError(
              'UnrecognizedClientException',
              'The security token included in the request is invalid.',
              { status: 400 },
            );
      }
      if (!throttle.take(key)) {
        throttled[key] = (throttled[key] ?? 0) + 1;
        throw throttlingError(service);
      }
      const fault = injectedFault(config.faults, key, random);
      if (fault) {
        throw new AwsError(fault, `Injected fault for ${key}.`, {
          status: fault === 'ThrottlingException' ? 429 : 400,
        });
      }
      validateRequest(service, operation, input);
      state.settle();
      const ctx: CallContext = {
        state,
        config,
        caller,
        region: auth.region,
        endpoint: `http://${req.headers.host ?? '127.0.0.1'}`,
      };
      const output = await handler(ctx, input ?? {});
      if (isMutatingOperation(key)) {
        emitApiCallEvent(state, {
          service,
          operation,
          input,
          output,
          caller,
          region: auth.region,
        });
      }
      if (
        isMutatingOperation(key) &&
        config.faults.lostAnswerRate > 0 &&
        (config.faults.operations.length === 0 ||
          config.faults.operations.some(p => matchesOperation(p, key))) &&
        random() < config.faults.lostAnswerRate
      ) {
        // Carried out, but the client never hears so.
        return { status: 0, headers: {}, body: '', lost: true };
      }
      if (protocol.kind === 'query') {
        return {
          status: 200,
          headers: {
            'content-type': 'text/xml',
            'x-amzn-requestid': requestId,
          },
          body: queryResponse(
            protocol.xmlNamespace,
            operation,
            output,
            requestId,
          ),
        };
      }
      const dates =
        protocol.kind === 'rest-json' ? 'date-time' : 'epoch-seconds';
      return jsonReply(200, toJsonWire(output ?? {}, dates), {
        'x-amzn-requestid': requestId,
      });
    } catch (error) {
      return awsReply(service, asAwsError(error), requestId);
    }
  }

  function handleAdmin(
    req: http.IncomingMessage,
    body: string,
  ): Reply | undefined {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/_emulator/health') {
      return jsonReply(200, {
        status: 'ok',
        organizationId: state.organizationId,
      });
    }
    if (req.method === 'GET' && path === '/_emulator/calls') {
      return jsonReply(200, { calls: counts, mutating: mutatingOnly(counts) });
    }
    if (path === '/_emulator/config' && req.method === 'GET') {
      return jsonReply(200, config);
    }
    if (path === '/_emulator/config' && req.method === 'PUT') {
      configure(parseJson(body) ?? {});
      return jsonReply(200, config);
    }
    if (req.method === 'POST' && path === '/_emulator/compliance') {
      try {
        return jsonReply(200, recordEvaluation(state, parseJson(body) as any));
      } catch (error) {
        return jsonReply(400, { message: (error as Error).message });
      }
    }
    if (req.method === 'POST' && path === '/_emulator/reset') {
      reset();
      return jsonReply(200, { status: 'reset' });
    }
    return undefined;
  }

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
            : handleAdmin(req, Buffer.concat(chunks).toString('utf8')) ??
              (await handleAws(
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

function parseJson(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new AwsError(
      'SerializationException',
      'The request body is not valid JSON.',
    );
  }
}

function asAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  return new AwsError(
    'InternalFailure',
    `The emulator failed: ${(error as Error).message}`,
    {
      status: 500,
    },
  );
}

function throttlingError(service: string): AwsError {
  switch (service) {
    case 'organizations':
      return new AwsError('TooManyRequestsException', 'Rate exceeded', {
        fields: { Type: 'RequestThrottled' },
      });
    case 'controltower':
      return new AwsError('ThrottlingException', 'Rate exceeded', {
        status: 429,
      });
    case 'sts':
    case 'iam':
      return new AwsError('Throttling', 'Rate exceeded');
    default:
      return new AwsError('ThrottlingException', 'Rate exceeded');
  }
}
