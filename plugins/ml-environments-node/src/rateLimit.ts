/**
 * AWS's published Organizations rates (Control Tower guide: List* 5/s with a
 * burst of 8, DescribePolicy 2/s), by `Operation` pattern; `*` ends a prefix
 * and the longest match wins.
 *
 * @public
 */
export const ORGANIZATIONS_RATE_LIMITS: Record<
  string,
  { ratePerSecond: number; burst: number }
> = {
  'List*': { ratePerSecond: 5, burst: 8 },
  DescribePolicy: { ratePerSecond: 2, burst: 2 },
};

/** A token bucket that makes callers wait for their turn instead of failing. */
export class TokenBucket {
  private tokens: number;
  private updatedAt = Date.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Resolves when a call may go; callers go in the order they asked. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      const now = Date.now();
      this.tokens = Math.min(
        this.burst,
        this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond,
      );
      this.updatedAt = now;
      if (this.tokens < 1) {
        const waitMs = ((1 - this.tokens) / this.ratePerSecond) * 1000;
        await new Promise(resolve => setTimeout(resolve, waitMs));
        // A timer fires late on a busy machine: the time it overslept is
        // refilled too, so the bucket keeps AWS's rate instead of falling
        // behind it call after call.
        const woke = Date.now();
        this.tokens = Math.min(
          this.burst,
          this.tokens + ((woke - this.updatedAt) / 1000) * this.ratePerSecond,
        );
        this.updatedAt = woke;
      }
      this.tokens -= 1;
    });
    this.queue = turn;
    return turn;
  }
}

/** One bucket per rate and process: every client of the account shares it. */
const buckets = new Map<string, TokenBucket>();

function bucketFor(
  operation: string,
  limits: Record<string, { ratePerSecond: number; burst: number }>,
) {
  const rule = Object.keys(limits)
    .filter(pattern =>
      pattern.endsWith('*')
        ? operation.startsWith(pattern.slice(0, -1))
        : pattern === operation,
    )
    .sort((a, b) => b.length - a.length)[0];
  if (!rule) return undefined;
  const { ratePerSecond, burst } = limits[rule];
  const key = `${rule}:${ratePerSecond}:${burst}`;
  let bucket = buckets.get(key);
  if (!bucket) {
    // One token of AWS's burst stays unused: AWS counts a call when it
    // arrives, a varying network delay after it left, so a bucket that spent
    // AWS's whole burst meets a throttle at the edge now and then, and the
    // SDK's adaptive retry then slows every call for seconds.
    bucket = new TokenBucket(ratePerSecond, Math.max(1, burst - 1));
    buckets.set(key, bucket);
  }
  return bucket;
}

/**
 * Holds each attempt of a call (retries included) until its rate bucket has
 * room, so reading a large organization stays at AWS's rate instead of being
 * throttled and backing off.
 */
export function addRateLimit<
  T extends { middlewareStack: { addRelativeTo: Function } },
>(
  client: T,
  limits: Record<string, { ratePerSecond: number; burst: number }>,
): T {
  client.middlewareStack.addRelativeTo(
    (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) =>
      async (args: unknown) => {
        const bucket = bucketFor(
          (context.commandName ?? '').replace(/Command$/, ''),
          limits,
        );
        await bucket?.take();
        return next(args);
      },
    {
      relation: 'after',
      toMiddleware: 'retryMiddleware',
      name: 'mlEnvironmentsRateLimit',
    },
  );
  return client;
}
