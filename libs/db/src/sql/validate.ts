import { EdgepressError, ErrorCode } from '@edgepress/errors';

/**
 * Checks for values that reach SQL. The gateway validates its inputs too; these are the last line,
 * so that a caller inside the platform (worker, seed script) gets a clear error instead of a
 * PostgreSQL one, and so that nothing unbounded is written.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'number' ? String(value) : typeof value;
}

function badInput(field: string, expected: string, value: unknown): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected ${expected} for ${field} but received ${describe(value)}`, {
    details: { field },
  });
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** An id that is not a UUID cannot name an existing row: NOT_FOUND, like any other unknown id. */
export function requireId(value: unknown, entity: string): string {
  if (!isUuid(value)) throw notFound(entity);
  return value.toLowerCase();
}

export function notFound(entity: string): EdgepressError {
  return new EdgepressError(ErrorCode.NOT_FOUND, `No ${entity} with this id exists in this team`, { details: { entity } });
}

export function requireText(value: unknown, field: string, min: number, max: number): string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw badInput(field, `a string of ${min} to ${max} characters`, value);
  }
  return value;
}

export function requireSlug(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SLUG.test(value)) {
    throw badInput(field, 'a lower-case slug (a-z, 0-9 and "-", starting with a letter or digit, at most 63 characters)', value);
  }
  return value;
}

export function requireSha256(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SHA256.test(value)) throw badInput(field, '64 lower-case hex characters (a sha256)', value);
  return value;
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badInput(field, `one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

export function requireInteger(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badInput(field, `an integer between ${min} and ${max}`, value);
  }
  return value;
}

export function requireFraction(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw badInput(field, 'a number between 0 and 1', value);
  }
  return value;
}

/** A plain JSON object, serialised; the size cap keeps a JSONB column from growing without bound. */
export function requireJsonObject(value: unknown, field: string, maxBytes: number): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(field, 'a JSON object', value);
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected JSON-serialisable data for ${field}`, { cause: error, details: { field } });
  }
  if (Buffer.byteLength(text) > maxBytes) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected at most ${maxBytes} bytes of JSON for ${field} but received ${Buffer.byteLength(text)}`, {
      details: { field },
    });
  }
  return text;
}

export function requireOptionalDate(value: unknown, field: string): Date | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, 'a valid Date', value);
  return value;
}

/** Keeps the end of a log, which is where the error usually is. */
export function tailText(value: string, maxChars: number): string {
  return value.length <= maxChars ? value : value.slice(value.length - maxChars);
}
