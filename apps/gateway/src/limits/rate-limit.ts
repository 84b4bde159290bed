/**
 * Per-key token buckets in this process's memory: each API token (and, for failed
 * authentication, each client address) gets `capacity` requests at once and `refillPerSecond`
 * after that. With N gateway processes a client may reach N times the rate; the limit protects
 * each process and the database behind it, not a global quota.
 *
 * Threat model: a client floods the API (or guesses tokens). Memory is bounded: at most
 * `maxKeys` buckets are kept; when full, buckets that have refilled completely (the same as a new
 * one) are dropped first, then the least recently used.
 * Tests: rate-limit.test.ts, test/auth.test.ts (429 over HTTP).
 */

export interface RateLimitOptions {
  /** Burst size (default 200). */
  capacity?: number;
  /** Sustained requests per second (default 50). */
  refillPerSecond?: number;
  /** Most keys tracked (default 100 000). */
  maxKeys?: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until one request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class TokenBucketLimiter {
  readonly capacity: number;
  readonly refillPerSecond: number;
  private readonly maxKeys: number;
  // A Map iterates in insertion order; re-inserting on use keeps it ordered by last use.
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    options: RateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = positive(options.capacity ?? 200, 'capacity');
    this.refillPerSecond = positive(options.refillPerSecond ?? 50, 'refillPerSecond');
    this.maxKeys = positive(options.maxKeys ?? 100_000, 'maxKeys');
  }

  take(key: string, cost = 1): RateDecision {
    const nowMs = this.now();
    const bucket = this.refilled(this.buckets.get(key), nowMs);
    this.buckets.delete(key);
    const decision = this.decide(bucket.tokens, cost);
    if (decision.allowed) bucket.tokens -= cost;
    this.store(key, bucket);
    return decision;
  }

  private decide(tokens: number, cost: number): RateDecision {
    if (tokens >= cost) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - tokens) / this.refillPerSecond)) };
  }

  /** What take() would decide now, without taking anything. */
  peek(key: string, cost = 1): RateDecision {
    return this.decide(this.refilled(this.buckets.get(key), this.now()).tokens, cost);
  }

  /** Buckets currently tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, nowMs: number): Bucket {
    if (!bucket) return { tokens: this.capacity, updatedMs: nowMs };
    const elapsedSeconds = Math.max(0, nowMs - bucket.updatedMs) / 1000;
    return { tokens: Math.min(this.capacity, bucket.tokens + elapsedSeconds * this.refillPerSecond), updatedMs: nowMs };
  }

  private store(key: string, bucket: Bucket): void {
    if (this.buckets.size >= this.maxKeys) this.evict(bucket.updatedMs);
    this.buckets.set(key, bucket);
  }

  private evict(nowMs: number): void {
    // Oldest use first: refilled buckets (indistinguishable from new ones) sit at the front.
    const fullAfterMs = (this.capacity / this.refillPerSecond) * 1000;
    for (const [key, bucket] of this.buckets) {
      if (nowMs - bucket.updatedMs < fullAfterMs) break;
      this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
  }
}

function positive(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`Expected a positive number for ${name} but received ${value}`);
  return value;
}
