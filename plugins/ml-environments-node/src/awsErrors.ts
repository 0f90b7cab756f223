/**
 * Gives every AWS SDK error the operation it came from, and turns an answer
 * that is not AWS's (an HTML page from a proxy, a wrong endpoint) into a
 * plain cause instead of a parser's "Unexpected token '<'". The error keeps
 * its class and name, so callers still tell DuplicatePolicyException apart.
 */
export function withOperationContext(error: unknown, operation: string) {
  if (!(error instanceof Error)) return error;
  const status = (error as { $metadata?: { httpStatusCode?: number } })
    .$metadata?.httpStatusCode;
  const unreadable =
    error.name === 'SyntaxError' ||
    /Deserialization error|Unexpected token|is not valid JSON|char 0/.test(
      error.message,
    );
  if (unreadable) {
    const plain = new Error(
      `${operation} got an answer that is not AWS's${
        status ? ` (HTTP ${status})` : ''
      }: check mlEnvironments.aws.region and mlEnvironments.aws.endpoint, and any proxy in between`,
    );
    plain.name = 'UnexpectedAwsAnswer';
    return plain;
  }
  if (!error.message.startsWith(`${operation}: `)) {
    error.message = `${operation}: ${error.message}`;
  }
  return error;
}

/** Adds withOperationContext to every call of an SDK client. */
export function addOperationContext<
  T extends { middlewareStack: { add: Function } },
>(client: T, service: string): T {
  client.middlewareStack.add(
    (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) =>
      async (args: unknown) => {
        try {
          return await next(args);
        } catch (error) {
          throw withOperationContext(
            error,
            `${service} ${(context.commandName ?? 'call').replace(
              /Command$/,
              '',
            )}`,
          );
        }
      },
    { step: 'initialize', name: 'mlEnvironmentsOperationContext' },
  );
  return client;
}
