import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { isUuid } from './validate';

/**
 * Relay-style forward pagination over (created_at, id), newest first. The cursor is opaque to
 * callers: base64url of the row's created_at with microseconds (as PostgreSQL printed it, so no
 * precision is lost in a JavaScript Date) and its id. Rows inserted between two page reads appear
 * on no page after the reader's position and never shift the rows already read.
 */

export interface PageArgs {
  /** Page size, 1..100; defaults to 20. */
  first?: number | null;
  /** endCursor of the previous page. */
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Rows of a paginated query carry this column next to their own (see cursorColumn). */
export interface CursorRow {
  page_cursor_at: string;
}

interface DecodedCursor {
  at: string;
  id: string;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(cursor: string): DecodedCursor {
  const invalid = new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a cursor returned by a previous page for after', {
    details: { field: 'after' },
  });
  if (cursor.length > 200) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || !CURSOR_TIME.test(parsed[0]) || !isUuid(parsed[1])) {
    throw invalid;
  }
  return { at: parsed[0], id: parsed[1] };
}

/** The SELECT column that makes a row's cursor; alias is the table alias of the paginated table. */
export function cursorColumn(alias: string): string {
  return `to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS page_cursor_at`;
}

export interface PageQuery {
  /** SQL fragment for the WHERE clause (or 'true'), using the parameters that follow `values`. */
  condition: string;
  /** ORDER BY ... LIMIT ... clause. */
  orderAndLimit: string;
  limit: number;
}

/**
 * Builds the keyset condition and limit for a page. `values` is the caller's parameter list; the
 * cursor's parameters are appended to it. `keyColumn` is the tie-breaker (the table's id).
 */
export function pageQuery(args: PageArgs | undefined, alias: string, values: unknown[], keyColumn = 'id'): PageQuery {
  const first = args?.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected an integer between 1 and ${MAX_PAGE_SIZE} for first but received ${first}`, {
      details: { field: 'first' },
    });
  }
  let condition = 'true';
  if (args?.after) {
    const cursor = decodeCursor(args.after);
    values.push(cursor.at, cursor.id);
    condition = `(${alias}.created_at, ${alias}.${keyColumn}) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`;
  }
  // One extra row tells whether there is a next page.
  const orderAndLimit = `ORDER BY ${alias}.created_at DESC, ${alias}.${keyColumn} DESC LIMIT ${first + 1}`;
  return { condition, orderAndLimit, limit: first };
}

export function toConnection<R extends CursorRow, T>(rows: R[], limit: number, key: (row: R) => string, map: (row: R) => T): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: encodeCursor(row.page_cursor_at, key(row)), node: map(row) }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}
