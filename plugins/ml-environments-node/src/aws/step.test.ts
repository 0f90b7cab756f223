import { LoggerService } from '@backstage/backend-plugin-api';
import { ProvisioningStep, poll } from './step';

function stepWith(timeoutMs: number) {
  const warnings: string[] = [];
  const logger = {
    info: () => {},
    warn: (message: string) => warnings.push(message),
    error: () => {},
    debug: () => {},
  } as unknown as LoggerService;
  const step: ProvisioningStep = {
    logger,
    isDryRun: false,
    checkpoint: (_key, fn) => fn(),
    pollIntervalMs: 0,
    timeoutMs,
  };
  return { step, warnings };
}

/** A read that fails with `errors` in turn, then answers `value`. */
function failing(errors: Error[], value: string) {
  let calls = 0;
  const read = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return value;
  };
  return { read, calls: () => calls };
}

const named = (name: string, status = 400) =>
  Object.assign(new Error(`${name} for the test`), {
    name,
    $metadata: { httpStatusCode: status },
  });

describe('poll', () => {
  it('reads again at the next poll after the SDK gave up on throttling, a conflict or a server error', async () => {
    const { step, warnings } = stepWith(60_000);
    const read = failing(
      [
        named('TooManyRequestsException'),
        named('ConcurrentModificationException'),
        named('InternalFailure', 500),
      ],
      'done',
    );
    const value = await poll(
      step,
      'the test',
      read.read,
      v => v === 'done',
      String,
    );
    expect(value).toBe('done');
    expect(read.calls()).toBe(4);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(
      /^Reading the test failed for now \(TooManyRequestsException\)/,
    );
  });

  it('fails at once on an error that reading again cannot change', async () => {
    const { step } = stepWith(60_000);
    const read = failing([named('AccessDeniedException')], 'done');
    await expect(
      poll(step, 'the test', read.read, v => v === 'done', String),
    ).rejects.toThrow('AccessDeniedException for the test');
    expect(read.calls()).toBe(1);
  });

  it('fails with the last error once its deadline has passed', async () => {
    const { step } = stepWith(-1);
    const read = failing([named('ThrottlingException')], 'done');
    await expect(
      poll(step, 'the test', read.read, v => v === 'done', String),
    ).rejects.toThrow('ThrottlingException for the test');
  });
});
