// The emulator's own HTTP endpoints (/_emulator/...), through which tests and
// the dev app look at and steer it; kept apart from the AWS API it emulates.
import type http from 'node:http';
import type { DeepPartial, EmulatorConfig } from './config.ts';
import { recordEvaluation } from './services/config/index.ts';
import { postUsage } from './services/costexplorer/usage.ts';
import { mutatingOnly } from './serviceRegistry.ts';
import { type Reply, jsonReply, parseJson } from './serverWire.ts';
import type { EmulatorState } from './state.ts';

/** What the endpoints read and do; state and counts are read afresh. */
export interface AdminRuntime {
  readonly state: EmulatorState;
  readonly config: EmulatorConfig;
  readonly counts: Record<string, number>;
  configure(override: DeepPartial<EmulatorConfig>): void;
  reset(): void;
}

/** The answer to an admin request, or undefined if it is an AWS call. */
export function handleAdmin(
  live: AdminRuntime,
  req: http.IncomingMessage,
  body: string,
): Reply | undefined {
  const path = (req.url ?? '').split('?')[0];
  if (req.method === 'GET' && path === '/_emulator/health') {
    return jsonReply(200, {
      status: 'ok',
      organizationId: live.state.organizationId,
    });
  }
  if (req.method === 'GET' && path === '/_emulator/calls') {
    return jsonReply(200, {
      calls: live.counts,
      mutating: mutatingOnly(live.counts),
    });
  }
  if (path === '/_emulator/config' && req.method === 'GET') {
    return jsonReply(200, live.config);
  }
  if (path === '/_emulator/config' && req.method === 'PUT') {
    live.configure(parseJson(body) ?? {});
    return jsonReply(200, live.config);
  }
  if (req.method === 'POST' && path === '/_emulator/compliance') {
    try {
      return jsonReply(
        200,
        recordEvaluation(live.state, parseJson(body) as any),
      );
    } catch (error) {
      return jsonReply(400, { message: (error as Error).message });
    }
  }
  if (req.method === 'POST' && path === '/_emulator/usage') {
    try {
      return jsonReply(200, postUsage(live.state, parseJson(body) as any));
    } catch (error) {
      return jsonReply(400, { message: (error as Error).message });
    }
  }
  if (req.method === 'POST' && path === '/_emulator/reset') {
    live.reset();
    return jsonReply(200, { status: 'reset' });
  }
  return undefined;
}
