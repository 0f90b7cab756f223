// Answering one AWS call: who is calling, throttling and injected faults,
// validation, the handler, and the events and lost answers that follow. Kept
// apart from the HTTP server so the path a call takes reads in one place.
import type http from 'node:http';
import { type EmulatorConfig, matchesOperation } from './config.ts';
import type { CallContext } from './context.ts';
import { AwsError } from './errors.ts';
import { emitApiCallEvent } from './events.ts';
import { type Throttle, injectedFault } from './limits.ts';
import { PROTOCOLS, parseAuthorization } from './protocols.ts';
import { scpRefusal } from './scp/enforce.ts';
import { identityRefusal } from './scp/identity.ts';
import { SERVICES, isMutatingOperation } from './serviceRegistry.ts';
import {
  type Reply,
  awsReply,
  parseOperation,
  successReply,
} from './serverWire.ts';
import type { EmulatorState } from './state.ts';
import { validateRequest } from './validation.ts';

/**
 * The emulator's live state and counters; read afresh on every use, as a
 * reset or a config change replaces them while calls are under way.
 */
export interface DispatchRuntime {
  readonly state: EmulatorState;
  readonly config: EmulatorConfig;
  readonly counts: Record<string, number>;
  readonly throttled: Record<string, number>;
  readonly throttle: Throttle;
  readonly random: () => number;
}

export async function handleAws(
  live: DispatchRuntime,
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

  let operation: string;
  let input: any;
  try {
    ({ operation, input } = parseOperation(req, rawBody, service, protocol));
  } catch (error) {
    return awsReply(service, asAwsError(error), requestId);
  }

  const key = `${service}:${operation}`;
  live.counts[key] = (live.counts[key] ?? 0) + 1;
  try {
    const handler = SERVICES[service][operation];
    if (!handler) {
      throw new AwsError(
        'UnknownOperationException',
        `The emulator does not implement ${key}.`,
      );
    }
    const caller = live.state.credentials.get(auth.accessKeyId);
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
    if (!live.throttle.take(key)) {
      live.throttled[key] = (live.throttled[key] ?? 0) + 1;
      throw throttlingError(service);
    }
    const fault = injectedFault(live.config.faults, key, live.random);
    if (fault) {
      throw new AwsError(fault, `Injected fault for ${key}.`, {
        status: fault === 'ThrottlingException' ? 429 : 400,
      });
    }
    validateRequest(service, operation, input);
    live.state.settle();
    const denied = await scpRefusal({
      state: live.state,
      config: live.config,
      caller,
      region: auth.region,
      service,
      operation,
      input: input ?? {},
      sourceIp: req.socket.remoteAddress,
    });
    if (denied) throw denied;
    const refused = identityRefusal({
      state: live.state,
      config: live.config,
      caller,
      region: auth.region,
      service,
      operation,
      input: input ?? {},
    });
    if (refused) throw refused;
    const ctx: CallContext = {
      state: live.state,
      config: live.config,
      caller,
      region: auth.region,
      endpoint: `http://${req.headers.host ?? '127.0.0.1'}`,
    };
    const output = await handler(ctx, input ?? {});
    if (isMutatingOperation(key)) {
      emitApiCallEvent(live.state, {
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
      live.config.faults.lostAnswerRate > 0 &&
      (live.config.faults.operations.length === 0 ||
        live.config.faults.operations.some(p => matchesOperation(p, key))) &&
      live.random() < live.config.faults.lostAnswerRate
    ) {
      // Carried out, but the client never hears so.
      return { status: 0, headers: {}, body: '', lost: true };
    }
    return successReply(protocol, operation, output, requestId);
  } catch (error) {
    return awsReply(service, asAwsError(error), requestId);
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
