import {
  isServerError,
  isThrottlingError,
  isTransientError,
} from '@smithy/core/retry';
import type { RetryErrorType } from '@smithy/types';

/** A failed Control Tower call, classified for the retry strategy. */
export class ControlTowerCallError extends Error {
  constructor(
    message: string,
    name: string,
    readonly retryErrorType: RetryErrorType,
  ) {
    super(message);
    this.name = name;
  }
}

/** The SDK's own classification, so this client retries what the SDK would. */
export function retryErrorTypeOf(status: number, name: string): RetryErrorType {
  const error = { name, $metadata: { httpStatusCode: status } } as any;
  if (isThrottlingError(error)) return 'THROTTLING';
  if (isTransientError(error)) return 'TRANSIENT';
  if (isServerError(error)) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
}
