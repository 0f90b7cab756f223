/**
 * An error as AWS answers it: its code (the exception shape's name), message,
 * HTTP status and any extra members (e.g. `Reason`).
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    options: { status?: number; fields?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.code = code;
    this.status = options.status ?? 400;
    this.fields = options.fields ?? {};
  }
}

export function constraintViolation(reason: string, message: string): AwsError {
  return new AwsError('ConstraintViolationException', message, {
    fields: { Reason: reason },
  });
}

export function invalidInput(reason: string, message: string): AwsError {
  return new AwsError('InvalidInputException', message, {
    fields: { Reason: reason },
  });
}

export function accessDenied(message: string, status = 400): AwsError {
  return new AwsError('AccessDeniedException', message, { status });
}
