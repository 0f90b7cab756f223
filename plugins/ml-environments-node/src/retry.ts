import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type {
  RetryErrorInfo,
  RetryStrategyV2,
  RetryToken,
  StandardRetryToken,
} from '@smithy/types';

/**
 * Errors AWS answers while another change to the same resource is in
 * flight. Its guidance for them is the same as for throttling: retry with
 * backoff and jitter. The SDK classifies them as client errors and would
 * not retry them.
 */
export const CONFLICT_ERRORS: ReadonlySet<string> = new Set([
  'ConcurrentModificationException',
  // Control Tower: an operation on the same target is still running.
  'ConflictException',
]);

/**
 * The SDK's adaptive retry strategy (client-side rate limiting, exponential
 * backoff with jitter, a retry budget), with AWS's conflict errors retried
 * like transient ones. Every client of the suite uses it.
 *
 * @public
 */
export class MlRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'adaptive';
  private readonly adaptive: AdaptiveRetryStrategy;

  constructor(
    maxAttempts: number,
    private readonly onRetry?: (reason: string, attempt: number) => void,
  ) {
    this.adaptive = new AdaptiveRetryStrategy(async () => maxAttempts);
  }

  acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    // Some clients' middleware passes no partition as the scope.
    return this.adaptive.acquireInitialRetryToken(scope ?? '');
  }

  async refreshRetryTokenForRetry(
    token: RetryToken,
    errorInfo: RetryErrorInfo,
  ): Promise<RetryToken> {
    const name = errorInfo.error?.name ?? '';
    const info: RetryErrorInfo =
      errorInfo.errorType === 'CLIENT_ERROR' && CONFLICT_ERRORS.has(name)
        ? { ...errorInfo, errorType: 'TRANSIENT' }
        : errorInfo;
    const next = await this.adaptive.refreshRetryTokenForRetry(
      token as StandardRetryToken,
      info,
    );
    this.onRetry?.(
      `${name || info.errorType}: ${errorInfo.error?.message ?? ''}`.trim(),
      next.getRetryCount(),
    );
    return next;
  }

  recordSuccess(token: RetryToken): void {
    this.adaptive.recordSuccess(token as StandardRetryToken);
  }
}
