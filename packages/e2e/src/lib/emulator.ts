// The AWS emulator as the end-to-end checks use it: SDK options as the
// management account, and the emulator's count of state-changing calls.

/** Calls per operation (`Service.Operation`), as the emulator counts them. */
export type CallCounts = Record<string, number>;

/** AWS SDK client options on the emulator, as the management account. */
export function emulatorOptions(emulator: string) {
  return {
    region: 'us-east-1',
    endpoint: emulator,
    credentials: {
      accessKeyId: 'emulator-management',
      secretAccessKey: 'emulator-placeholder',
    },
    maxAttempts: 10,
  };
}

/** State-changing calls per operation, as the emulator classifies them. */
export async function mutatingCalls(emulator: string): Promise<CallCounts> {
  const calls = (await (await fetch(`${emulator}/_emulator/calls`)).json()) as {
    mutating: CallCounts;
  };
  return calls.mutating;
}

/** The operations called more often in `after` than in `before`, `Op ×n`. */
export function callsBetween(before: CallCounts, after: CallCounts): string[] {
  return Object.entries(after)
    .filter(([key, n]) => n > (before[key] ?? 0))
    .map(([key, n]) => `${key} ×${n - (before[key] ?? 0)}`);
}

/** Changes the emulator's knobs (faults, delays) for the next calls. */
export function configureEmulator(
  emulator: string,
  config: Record<string, unknown>,
): Promise<Response> {
  return fetch(`${emulator}/_emulator/config`, {
    method: 'PUT',
    body: JSON.stringify(config),
  });
}
