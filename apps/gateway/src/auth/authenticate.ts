/**
 * Bearer-token authentication for GraphQL, WebSocket and blob requests.
 *
 * Threat model: tokens are the only credential (no cookies), so a cross-site page cannot make a
 * browser send one (it lives in the Authorization header, which needs a CORS preflight the gateway
 * never grants). A missing, malformed, unknown, revoked or expired token is the same
 * UNAUTHENTICATED error (TokenRepository.verify compares hashes in constant time). Guessing is
 * slowed by the per-address limit on failed attempts in server.ts (rate-limit.ts).
 * Tests: test/auth.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Database } from '@edgepress/db';
import type { Viewer } from './viewer';

const BEARER = /^Bearer[ \t]+(\S{1,200})[ \t]*$/i;

export function missingToken(): EdgepressError {
  return new EdgepressError(ErrorCode.UNAUTHENTICATED, 'Expected an API token: send "Authorization: Bearer ep_..." (create tokens with createApiToken)');
}

/** The token of an Authorization header value; null when there is none or it is not a bearer token. */
export function bearerToken(header: string | string[] | undefined | null): string | null {
  if (typeof header !== 'string') return null;
  const match = BEARER.exec(header);
  return match ? match[1] : null;
}

export async function authenticate(db: Pick<Database, 'tokens'>, authorization: string | string[] | undefined | null): Promise<Viewer> {
  const token = bearerToken(authorization);
  if (token === null) throw missingToken();
  const identity = await db.tokens.verify(token);
  return { tokenId: identity.tokenId, teamId: identity.teamId, role: identity.role, accountId: identity.createdBy };
}
