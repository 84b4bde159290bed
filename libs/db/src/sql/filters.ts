import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { requireText } from './validate';

/** A case-insensitive "contains" pattern for ILIKE, with the user's wildcards taken literally. */
export function containsPattern(search: string): string {
  const text = requireText(search, 'search', 1, 200);
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * SET clause for a partial update: columns whose value is undefined are left alone. Values are
 * appended to `values`; at least one column must change.
 */
export function setClause(columns: Readonly<Record<string, unknown>>, values: unknown[]): string {
  const parts: string[] = [];
  for (const [column, value] of Object.entries(columns)) {
    if (value === undefined) continue;
    values.push(value);
    parts.push(`${column} = $${values.length}`);
  }
  if (parts.length === 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected at least one field to update');
  return parts.join(', ');
}
