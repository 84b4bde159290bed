/**
 * Checks of the arguments a plugin passes to the stage host. Everything here arrives from the
 * sandbox (trust boundary 3): any type, any size, any shape of plain data. Each check names the
 * method and argument and says what was expected and what arrived; a bad argument is
 * INVALID_ARGUMENT, never a crash. Tests: arguments.test.ts and every *-methods.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';

/** Longest name (value, node, weight, prefix) accepted from a plugin. */
export const MAX_NAME_LENGTH = 4096;
/** Most names in one list argument. */
export const MAX_NAME_LIST = 1_000_000;

export function invalidArgument(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message);
}

export function notFound(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.NOT_FOUND, message);
}

/** A short description of what arrived, without echoing long or nested data back. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return Object.prototype.toString.call(value).slice(8, -1);
  if (typeof value === 'string') return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

export function expectName(value: unknown, what: string, options: { allowEmpty?: boolean } = {}): string {
  if (typeof value !== 'string' || (value === '' && options.allowEmpty !== true) || value.length > MAX_NAME_LENGTH) {
    throw invalidArgument(`Expected ${options.allowEmpty === true ? 'a string' : 'a non-empty string'} of at most ${MAX_NAME_LENGTH} characters for ${what} but received ${describeValue(value)}`);
  }
  return value;
}

export function expectNameList(value: unknown, what: string, options: { allowEmptyNames?: boolean; max?: number } = {}): string[] {
  const max = options.max ?? MAX_NAME_LIST;
  if (!Array.isArray(value) || value.length > max) throw invalidArgument(`Expected an array of at most ${max} names for ${what} but received ${describeValue(value)}`);
  return value.map((item, index) => expectName(item, `${what}[${index}]`, { allowEmpty: options.allowEmptyNames }));
}

export function expectInteger(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`Expected an integer between ${min} and ${max} for ${what} but received ${describeValue(value)}`);
  }
  return value;
}

export function expectNumber(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw invalidArgument(`Expected a number between ${min} and ${max} for ${what} but received ${describeValue(value)}`);
  }
  return value;
}

export function expectBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw invalidArgument(`Expected true or false for ${what} but received ${describeValue(value)}`);
  return value;
}

export function expectOneOf<T extends string>(value: unknown, what: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidArgument(`Expected one of ${allowed.map((item) => JSON.stringify(item)).join(', ')} for ${what} but received ${describeValue(value)}`);
  }
  return value as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/**
 * An options object (or undefined, when `required` is false) whose keys are all known: a
 * misspelt option is an error rather than a silently ignored setting.
 */
export function expectOptions(value: unknown, what: string, known: readonly string[], required = false): Record<string, unknown> {
  if (value === undefined && !required) return {};
  if (!isPlainObject(value)) throw invalidArgument(`Expected an options object for ${what} but received ${describeValue(value)}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw invalidArgument(`Unknown option ${JSON.stringify(key.slice(0, 60))} in ${what}; expected ${known.join(', ')}`);
  }
  return value;
}

/** A record with string keys (attributes by name), capped in size. */
export function expectRecord(value: unknown, what: string, maxKeys: number): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalidArgument(`Expected an object for ${what} but received ${describeValue(value)}`);
  const keys = Object.keys(value);
  if (keys.length > maxKeys) throw invalidArgument(`Expected at most ${maxKeys} entries in ${what} but received ${keys.length}`);
  return value;
}
