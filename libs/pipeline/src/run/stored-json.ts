/**
 * JSON for what a worker stores to resume a run (StageRecord, StageMetrics): plain JSON turns
 * Infinity (the SQNR of identical outputs) and NaN into null, which would no longer be a number
 * when the run resumes. Non-finite numbers are written as {"$number": "Infinity"} and read back.
 * Tests: stored-json.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';

const TAG = '$number';
const NON_FINITE: Readonly<Record<string, number>> = { Infinity, '-Infinity': -Infinity, NaN };

export function toStoredJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'number' && !Number.isFinite(item) ? { [TAG]: String(item) } : item));
}

export function fromStoredJson<T = unknown>(text: string): T {
  try {
    return JSON.parse(text, (_key, item: unknown) => {
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        const keys = Object.keys(item);
        const tagged = (item as Record<string, unknown>)[TAG];
        if (keys.length === 1 && typeof tagged === 'string' && Object.prototype.hasOwnProperty.call(NON_FINITE, tagged)) return NON_FINITE[tagged];
      }
      return item;
    }) as T;
  } catch (cause) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Stored run data is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}
