import { OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../server.ts';

export const MANAGEMENT_KEY = 'emulator-management';

/** SDK client settings for the emulator, acting as the given access key. */
export function clientConfig(
  emulator: RunningEmulator,
  accessKeyId = MANAGEMENT_KEY,
  sessionToken?: string,
) {
  return {
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'emulator', sessionToken },
    maxAttempts: 1,
  };
}

/** Starts an emulator whose asynchronous work completes on the next call. */
export async function startTestEmulator(options: EmulatorOptions = {}) {
  const emulator = await startEmulator({
    ...options,
    config: { asyncDelayMs: 0, ...options.config },
  });
  const organizations = new OrganizationsClient(clientConfig(emulator));
  const rootId = emulator.state.rootId;
  return { emulator, organizations, rootId };
}

/** The error an SDK call rejects with, for assertions on its name and fields. */
export async function errorOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/**
 * A Control Tower call over plain HTTP with a SigV4-shaped header:
 * GetEnabledControl, the status fields of ListEnabledControls and the
 * baseline calls are newer than the only @aws-sdk/client-controltower on the
 * npm registry here (3.332.0).
 */
export async function restCall(
  emulator: RunningEmulator,
  path: string,
  body: object,
) {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization:
        'AWS4-HMAC-SHA256 Credential=emulator-management/20261127/us-east-1/controltower/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: await response.json(),
  };
}
