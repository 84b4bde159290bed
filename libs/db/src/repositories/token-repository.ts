import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { cursorColumn, pageQuery, toConnection, type Connection, type CursorRow, type PageArgs } from '../sql/pagination';
import { queryOne, queryRow, queryRows, type Queryable } from '../sql/query';
import { notFound, requireId, requireOneOf, requireOptionalDate, requireText } from '../sql/validate';
import { ROLES, type Role } from './roles';

/*
 * Threat model: the api_tokens table may leak (backup, SQL injection elsewhere, a curious
 * operator). It therefore holds only sha256(secret) of a 256-bit random secret (a fast hash is
 * enough at that entropy; there is nothing to brute-force) and a short public prefix used to find
 * the row. The secret is returned once, at creation. Verification compares hashes in constant time,
 * and every failure (unknown prefix, wrong secret, revoked, expired, malformed) is the same
 * UNAUTHENTICATED error, so a caller cannot tell which part was wrong.
 * Tests: token-repository.test.ts (secret absent from the row, revoke, expiry, tampering, isolation).
 */

export interface ApiToken {
  id: string;
  teamId: string;
  name: string;
  role: Role;
  /** Public part, shown in listings so people can tell their tokens apart. */
  prefix: string;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who a verified token speaks for. */
export interface TokenIdentity {
  tokenId: string;
  teamId: string;
  role: Role;
  createdBy: string | null;
}

interface TokenRow {
  id: string;
  team_id: string;
  name: string;
  role: Role;
  prefix: string;
  secret_hash: Buffer;
  created_by: string | null;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const TOKEN_FORMAT = /^ep_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PUBLIC_COLUMNS = 'id, team_id, name, role, prefix, created_by, last_used_at, expires_at, revoked_at, created_at, updated_at';
// last_used_at is for people ("used 3 minutes ago"), so one write a minute per token is enough.
const LAST_USED_RESOLUTION = "interval '1 minute'";

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

function randomPrefix(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join('');
}

function unauthenticated(): EdgepressError {
  return new EdgepressError(ErrorCode.UNAUTHENTICATED, 'The API token is invalid, expired or revoked');
}

export class TokenRepository {
  constructor(private readonly db: Queryable) {}

  /** Creates a token. The returned `secret` (ep_<prefix>_<secret>) is never stored or shown again. */
  async create(
    teamId: string,
    input: { name: string; role: Role; createdBy?: string | null; expiresAt?: Date | null },
  ): Promise<{ token: ApiToken; secret: string }> {
    const team = requireId(teamId, 'team');
    const name = requireText(input.name, 'name', 1, 200);
    const role = requireOneOf(input.role, 'role', ROLES);
    const expiresAt = requireOptionalDate(input.expiresAt, 'expiresAt');
    const createdBy = input.createdBy ? requireId(input.createdBy, 'account') : null;
    const prefix = randomPrefix();
    const secretPart = randomBytes(32).toString('base64url');
    const row = await queryRow<TokenRow>(
      this.db,
      `INSERT INTO api_tokens (team_id, name, role, prefix, secret_hash, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PUBLIC_COLUMNS}`,
      [team, name, role, prefix, hashSecret(secretPart), createdBy, expiresAt],
    );
    return { token: toApiToken(row), secret: `ep_${prefix}_${secretPart}` };
  }

  /** Resolves a presented token to its team and role, or throws UNAUTHENTICATED. */
  async verify(presented: string): Promise<TokenIdentity> {
    const match = typeof presented === 'string' ? TOKEN_FORMAT.exec(presented) : null;
    if (!match) throw unauthenticated();
    const [, prefix, secretPart] = match;
    const row = await queryOne<TokenRow & { usable: boolean }>(
      this.db,
      `SELECT *, (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS usable FROM api_tokens WHERE prefix = $1`,
      [prefix],
    );
    const presentedHash = hashSecret(secretPart);
    // Compare even when no row matched, so an unknown prefix costs the same as a wrong secret.
    const storedHash = row?.secret_hash ?? Buffer.alloc(32);
    const secretMatches = timingSafeEqual(presentedHash, storedHash) && row !== undefined;
    if (!row || !secretMatches || !row.usable) throw unauthenticated();
    await queryOne(
      this.db,
      `UPDATE api_tokens SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - ${LAST_USED_RESOLUTION})`,
      [row.id],
    );
    return { tokenId: row.id, teamId: row.team_id, role: row.role, createdBy: row.created_by };
  }

  async get(teamId: string, tokenId: string): Promise<ApiToken> {
    const row = await queryOne<TokenRow>(this.db, `SELECT ${PUBLIC_COLUMNS} FROM api_tokens WHERE team_id = $1 AND id = $2`, [
      requireId(teamId, 'team'),
      requireId(tokenId, 'API token'),
    ]);
    if (!row) throw notFound('API token');
    return toApiToken(row);
  }

  async list(teamId: string, page?: PageArgs): Promise<Connection<ApiToken>> {
    const values: unknown[] = [requireId(teamId, 'team')];
    const window = pageQuery(page, 't', values);
    const rows = await queryRows<TokenRow & CursorRow>(
      this.db,
      `SELECT ${PUBLIC_COLUMNS.split(', ').map((column) => `t.${column}`).join(', ')}, ${cursorColumn('t')}
       FROM api_tokens t WHERE t.team_id = $1 AND ${window.condition} ${window.orderAndLimit}`,
      values,
    );
    return toConnection(rows, window.limit, (row) => row.id, toApiToken);
  }

  /** Revokes a token; revoking twice keeps the first revocation time. */
  async revoke(teamId: string, tokenId: string): Promise<ApiToken> {
    const row = await queryOne<TokenRow>(
      this.db,
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE team_id = $1 AND id = $2 RETURNING ${PUBLIC_COLUMNS}`,
      [requireId(teamId, 'team'), requireId(tokenId, 'API token')],
    );
    if (!row) throw notFound('API token');
    return toApiToken(row);
  }
}
