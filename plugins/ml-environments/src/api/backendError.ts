/**
 * The error the backend answered with, as MlEnvironmentsClient's
 * ResponseError carries it (e.g. NotFoundError and its message).
 */
export function backendError(error: unknown): {
  name?: string;
  message?: string;
} {
  return (
    (
      error as
        | { body?: { error?: { name?: string; message?: string } } }
        | undefined
    )?.body?.error ?? {}
  );
}
