import type { SdkError } from '@smithy/types';
import { MlRetryStrategy } from './retry';

const failure = (name: string) =>
  Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: {},
  }) as SdkError;

describe('MlRetryStrategy', () => {
  it("retries AWS's conflict errors like transient ones, and says why", async () => {
    const retries: Array<[string, number]> = [];
    const strategy = new MlRetryStrategy(3, (reason, attempt) =>
      retries.push([reason, attempt]),
    );
    const first = await strategy.acquireInitialRetryToken('');
    const second = await strategy.refreshRetryTokenForRetry(first, {
      error: failure('ConcurrentModificationException'),
      errorType: 'CLIENT_ERROR',
    });
    expect(second.getRetryCount()).toBe(1);
    expect(retries).toEqual([
      [
        'ConcurrentModificationException: ConcurrentModificationException happened',
        1,
      ],
    ]);
  });

  it('does not retry other client errors', async () => {
    const strategy = new MlRetryStrategy(3);
    const token = await strategy.acquireInitialRetryToken('');
    await expect(
      strategy.refreshRetryTokenForRetry(token, {
        error: failure('AccessDeniedException'),
        errorType: 'CLIENT_ERROR',
      }),
    ).rejects.toThrow('No retry token available');
  });

  it('stops after the configured number of attempts', async () => {
    const strategy = new MlRetryStrategy(2);
    const conflict = {
      error: failure('ConcurrentModificationException'),
      errorType: 'CLIENT_ERROR' as const,
    };
    const first = await strategy.acquireInitialRetryToken('');
    const second = await strategy.refreshRetryTokenForRetry(first, conflict);
    await expect(
      strategy.refreshRetryTokenForRetry(second, conflict),
    ).rejects.toThrow('No retry token available');
  });
});
