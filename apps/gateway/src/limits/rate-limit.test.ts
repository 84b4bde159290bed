import { TokenBucketLimiter } from './rate-limit';

describe('TokenBucketLimiter', () => {
  it('allows a burst of capacity, then refills at the given rate', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 2 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 499;
    expect(limiter.take('k').allowed).toBe(false);
    now += 1;
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('other').allowed).toBe(true);
  });

  it('peek decides without spending', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 1 }, () => 0);
    expect(limiter.peek('k').allowed).toBe(true);
    expect(limiter.peek('k').allowed).toBe(true);
    limiter.take('k');
    expect(limiter.peek('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('keeps at most maxKeys buckets, dropping refilled ones first, then the least recently used', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ capacity: 2, refillPerSecond: 1, maxKeys: 3 }, () => now);
    limiter.take('a');
    limiter.take('b');
    now = 5000; // a and b have refilled
    limiter.take('c');
    limiter.take('d');
    expect(limiter.size).toBe(2);
    limiter.take('e');
    limiter.take('f');
    expect(limiter.size).toBe(3);
    // c was used least recently and is dropped: it starts again from a full bucket.
    expect(limiter.take('c').allowed).toBe(true);
    expect(limiter.size).toBe(3);
  });

  it('refuses nonsensical settings', () => {
    expect(() => new TokenBucketLimiter({ capacity: 0 })).toThrow(RangeError);
    expect(() => new TokenBucketLimiter({ refillPerSecond: Number.NaN })).toThrow(RangeError);
  });
});
