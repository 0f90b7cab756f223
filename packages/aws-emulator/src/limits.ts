import { type EmulatorConfig, matchesOperation } from './config.ts';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * The rule (`service:Operation`, `*` ends a prefix) that throttles an
 * operation: the most specific wins, an exact name, then the longest prefix.
 */
export function throttlingRuleFor(
  rules: EmulatorConfig['throttling']['rules'],
  operation: string,
): string | undefined {
  return Object.keys(rules)
    .filter(pattern => matchesOperation(pattern, operation))
    .sort(
      (a, b) =>
        Number(b === operation) - Number(a === operation) ||
        b.length - a.length,
    )[0];
}

/** AWS-like throttling: a token bucket per rule, refilled continuously. */
export class Throttle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly config: EmulatorConfig['throttling'];

  constructor(config: EmulatorConfig['throttling']) {
    this.config = config;
  }

  /** Takes a token for the operation; false when its bucket is empty. */
  take(operation: string, now = Date.now()): boolean {
    if (!this.config.enabled) return true;
    const key = throttlingRuleFor(this.config.rules, operation);
    if (!key) return true;
    const { ratePerSecond, burst } = this.config.rules[key];
    const bucket = this.buckets.get(key) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(
      burst,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond,
    );
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

/** Picks the error, if any, that fault injection answers a call with. */
export function injectedFault(
  faults: EmulatorConfig['faults'],
  operation: string,
  random = Math.random,
): string | undefined {
  if (faults.rate <= 0 || faults.errors.length === 0) return undefined;
  const applies =
    faults.operations.length === 0 ||
    faults.operations.some(pattern => matchesOperation(pattern, operation));
  if (!applies || random() >= faults.rate) return undefined;
  return faults.errors[Math.floor(random() * faults.errors.length)];
}

/** A small seeded generator (mulberry32): the same seed, the same faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
