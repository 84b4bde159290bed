import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { ConnectionValue } from '../schema/types/page';

/**
 * Relay-style pages over a list held in memory (the target catalog merged with team targets).
 * The cursor is the item's key, so a page read after an insertion continues after the same item.
 */
export function paginateList<T>(items: readonly T[], key: (item: T) => string, page: { first?: number | null; after?: string | null }): ConnectionValue<T> {
  const first = page.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected an integer between 1 and 100 for first but received ${first}`, { details: { field: 'first' } });
  }
  let start = 0;
  if (page.after) {
    const afterKey = decode(page.after);
    const index = items.findIndex((item) => key(item) === afterKey);
    if (index < 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a cursor returned by a previous page for after', { details: { field: 'after' } });
    start = index + 1;
  }
  const slice = items.slice(start, start + first);
  const edges = slice.map((node) => ({ cursor: Buffer.from(key(node)).toString('base64url'), node }));
  return {
    edges,
    nodes: [...slice],
    pageInfo: { hasNextPage: start + first < items.length, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}

function decode(cursor: string): string | null {
  return cursor.length <= 200 ? Buffer.from(cursor, 'base64url').toString('utf8') : null;
}
