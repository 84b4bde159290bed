/**
 * Authentication plus rate limits, the same for GraphQL over HTTP, WebSocket connections and the
 * blob routes: a verified token spends from its own bucket; a failed attempt spends from the
 * client address's bucket, and an address whose bucket is empty is refused before its token is
 * even looked up (guessing tokens is slowed to the failure rate).
 * Tests: test/auth.test.ts.
 */
import { EdgepressError, ErrorCode, isEdgepressError } from '@edgepress/errors';
import type { Database } from '@edgepress/db';
import type { TokenBucketLimiter } from '../limits/rate-limit';
import { authenticate } from './authenticate';
import type { Viewer } from './viewer';

export interface RateLimiters {
  /** Per API token. */
  perToken: TokenBucketLimiter;
  /** Failed authentication attempts per client address. */
  failuresPerAddress: TokenBucketLimiter;
}

export function rateLimited(retryAfterSeconds: number, what: string): EdgepressError {
  return new EdgepressError(ErrorCode.RATE_LIMITED, `Too many ${what}; retry in ${retryAfterSeconds} s`, { details: { retryAfterSeconds } });
}

export class RequestAuthenticator {
  constructor(
    private readonly db: Pick<Database, 'tokens'>,
    private readonly limiters: RateLimiters | null,
  ) {}

  async authenticate(authorization: string | string[] | undefined | null, clientAddress: string): Promise<Viewer> {
    const failures = this.limiters?.failuresPerAddress;
    const addressKey = `address:${clientAddress}`;
    const blocked = failures?.peek(addressKey);
    if (blocked && !blocked.allowed) throw rateLimited(blocked.retryAfterSeconds, 'failed authentication attempts from this address');
    let viewer: Viewer;
    try {
      viewer = await authenticate(this.db, authorization);
    } catch (error) {
      if (failures && isEdgepressError(error) && error.code === ErrorCode.UNAUTHENTICATED) failures.take(addressKey);
      throw error;
    }
    this.spend(viewer);
    return viewer;
  }

  /** Spends one request of the token's budget (each WebSocket operation does too). */
  spend(viewer: Viewer): void {
    const decision = this.limiters?.perToken.take(`token:${viewer.tokenId}`);
    if (decision && !decision.allowed) throw rateLimited(decision.retryAfterSeconds, 'requests for this API token');
  }
}
