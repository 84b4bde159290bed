/**
 * The one definition of what may cross between a plugin and the host: primitives, plain arrays,
 * plain objects and the typed arrays of tensors, as a tree of bounded depth and size. No
 * functions, symbols, accessors, class instances, shared memory, or keys that pollute prototypes
 * when a handler merges the value (`__proto__`, `constructor`, `prototype`). Checked on arguments
 * by the sandbox process and again by the host, and on handler results by the host.
 * Tests: plain-data.test.ts, and the sandbox suite (test/sandbox-*.test.ts).
 */

const TENSOR_ARRAY_NAMES: ReadonlySet<string> = new Set([
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Uint8Array',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
]);

// The intrinsic getter reads a typed array's internal name, whatever its realm or prototype says.
const typedArrayName = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)?.get as (this: unknown) => string | undefined;

// Values may come from another realm (IPC deserialisation happens in Node's main realm, which
// differs from a test runner's), so prototypes are recognised by shape, not by identity.
function isObjectPrototype(prototype: object): boolean {
  return Object.getPrototypeOf(prototype) === null && Object.hasOwn(prototype, 'hasOwnProperty') && Object.hasOwn(prototype, '__lookupGetter__');
}

function isPlainTypedArrayPrototype(prototype: object | null, name: string): boolean {
  if (prototype === null || !Object.hasOwn(prototype, 'BYTES_PER_ELEMENT')) return false;
  const constructor: unknown = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value;
  return typeof constructor === 'function' && constructor.name === name;
}

const POLLUTING_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const MAX_PLAIN_DATA_DEPTH = 64;

/** Bytes counted for each value besides its payload, so that millions of tiny values still add up. */
const VALUE_OVERHEAD = 8;

export type PlainDataProblem = 'too-large' | 'not-plain';

export class PlainDataError extends Error {
  constructor(
    readonly problem: PlainDataProblem,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
    this.name = 'PlainDataError';
  }
}

function isArrayIndex(key: string, length: number): boolean {
  if (!/^(?:0|[1-9]\d*)$/.test(key)) return false;
  const index = Number(key);
  return index < length;
}

class Measure {
  bytes = 0;
  constructor(private readonly maxBytes: number) {}

  add(bytes: number, path: string): void {
    this.bytes += bytes;
    if (this.bytes > this.maxBytes) throw new PlainDataError('too-large', path, `makes the value larger than the limit of ${this.maxBytes} bytes`);
  }

  visit(value: unknown, path: string, depth: number): void {
    this.add(VALUE_OVERHEAD, path);
    switch (typeof value) {
      case 'undefined':
      case 'boolean':
      case 'number':
        return;
      case 'string':
        this.add(value.length, path);
        return;
      case 'bigint':
        this.add(Math.ceil(value.toString(16).length / 2), path);
        return;
      case 'object':
        if (value === null) return;
        break;
      default:
        throw new PlainDataError('not-plain', path, `is a ${typeof value}, which cannot cross the sandbox boundary`);
    }
    if (depth >= MAX_PLAIN_DATA_DEPTH) throw new PlainDataError('not-plain', path, `is nested deeper than ${MAX_PLAIN_DATA_DEPTH} levels`);
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (ArrayBuffer.isView(value)) return this.visitTypedArray(value, prototype, path);
    if (Array.isArray(value) && Array.isArray(prototype)) return this.visitArray(value, path, depth);
    if (prototype === null || isObjectPrototype(prototype)) return this.visitObject(value, path, depth);
    throw new PlainDataError('not-plain', path, `is not a plain object, array or typed array (${Object.prototype.toString.call(value).slice(8, -1)} with its own prototype)`);
  }

  private visitTypedArray(view: ArrayBufferView, prototype: object | null, path: string): void {
    const name = typedArrayName.call(view);
    if (name === undefined || !TENSOR_ARRAY_NAMES.has(name) || !isPlainTypedArrayPrototype(prototype, name)) {
      throw new PlainDataError('not-plain', path, 'is a DataView, Buffer or typed array subclass; send one of the plain tensor typed arrays');
    }
    if (Object.prototype.toString.call(view.buffer) !== '[object ArrayBuffer]') {
      throw new PlainDataError('not-plain', path, 'is a typed array over shared memory');
    }
    this.add(view.byteLength, path);
  }

  private visitArray(array: readonly unknown[], path: string, depth: number): void {
    this.add(array.length * VALUE_OVERHEAD, path);
    for (const key of Reflect.ownKeys(array)) {
      if (key === 'length') continue;
      if (typeof key !== 'string' || !isArrayIndex(key, array.length)) {
        throw new PlainDataError('not-plain', path, `is an array with an extra property ${String(key)}`);
      }
      const descriptor = Object.getOwnPropertyDescriptor(array, key);
      if (descriptor === undefined || !('value' in descriptor)) throw new PlainDataError('not-plain', `${path}[${key}]`, 'is an accessor');
      this.visit(descriptor.value, `${path}[${key}]`, depth + 1);
    }
  }

  private visitObject(object: object, path: string, depth: number): void {
    for (const key of Reflect.ownKeys(object)) {
      if (typeof key === 'symbol') throw new PlainDataError('not-plain', path, `has a symbol key ${String(key)}`);
      const child = `${path}.${key}`;
      if (POLLUTING_KEYS.has(key)) throw new PlainDataError('not-plain', child, 'is a key that could pollute prototypes');
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (descriptor === undefined || !('value' in descriptor)) throw new PlainDataError('not-plain', child, 'is an accessor');
      this.add(key.length, child);
      this.visit(descriptor.value, child, depth + 1);
    }
  }
}

/**
 * Checks that `value` is plain data within `maxBytes` and returns its measured size. Typed arrays
 * count by their view: that is what Node IPC sends. (Inside the isolate, the bootstrap counts
 * whole buffers, because isolated-vm copies whole buffers; see also compactTypedArrays.)
 */
export function measurePlainData(value: unknown, maxBytes: number, path = 'value'): number {
  const measure = new Measure(maxBytes);
  measure.visit(value, path, 0);
  return measure.bytes;
}

/**
 * Replaces typed arrays that are windows on a larger buffer (as Node IPC delivers them, inside a
 * pooled or message-sized buffer) by exact copies, so that copying a value into the isolate,
 * which copies whole buffers, carries only the value's own bytes. `value` must be plain data.
 */
export function compactTypedArrays(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (ArrayBuffer.isView(value)) {
    const view = value as unknown as Uint8Array;
    return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view : view.slice();
  }
  if (Array.isArray(value)) return value.map(compactTypedArrays);
  const compacted: Record<string, unknown> = Object.getPrototypeOf(value) === null ? (Object.create(null) as Record<string, unknown>) : {};
  for (const [key, item] of Object.entries(value)) compacted[key] = compactTypedArrays(item);
  return compacted;
}
