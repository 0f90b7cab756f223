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
