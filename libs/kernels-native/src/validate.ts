/**
 * Argument validation shared by every operator. Native code trusts what passes these checks, so
 * they are the safety boundary (trust boundary 4): shapes, dtypes, lengths, scales, zero points
 * and index arrays are all checked here, with messages in the form
 *   Expected an integer between 1 and 8 for bits but received 9
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';

export function invalidArgument(message: string, argument: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details: { argument } });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return typeof value;
}

export function expectInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`Expected an integer between ${min} and ${max} for ${name} but received ${describe(value)}`, name);
  }
  return value;
}

export function expectFiniteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidArgument(`Expected a finite number for ${name} but received ${describe(value)}`, name);
  }
  return value;
}

export function expectOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidArgument(`Expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} for ${name} but received ${describe(value)}`, name);
  }
  return value as T;
}

type TypedArrayConstructor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor;

// The %TypedArray%.prototype[Symbol.toStringTag] getter reads the array's internal type name, so
// it recognises typed arrays made in another realm (a vm context, Jest's test context, arrays that
// native addons create in the main context), which `instanceof` rejects.
const typedArrayName = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)?.get as (
  this: unknown,
) => string | undefined;

/** True when value is a typed array of ctor's element type, from any realm. */
export function isTypedArrayOf(value: unknown, ctor: TypedArrayConstructor): boolean {
  return typedArrayName.call(value) === ctor.name;
}

export function expectTypedArray<C extends TypedArrayConstructor>(name: string, value: unknown, ctor: C, length?: number): InstanceType<C> {
  if (!isTypedArrayOf(value, ctor)) {
    throw invalidArgument(`Expected a ${ctor.name} for ${name} but received ${describe(value)}`, name);
  }
  if (length !== undefined && (value as InstanceType<C>).length !== length) {
    throw invalidArgument(`Expected ${name} to hold ${length} elements but received ${(value as InstanceType<C>).length}`, name);
  }
  return value as InstanceType<C>;
}

/** A shape of positive integers whose element count stays within `maxElements`. */
export function expectShape(name: string, value: unknown, maxElements: number): number[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 8) {
    throw invalidArgument(`Expected a shape of 1 to 8 dimensions for ${name} but received ${describe(value)}`, name);
  }
  let count = 1;
  value.forEach((dim, i) => {
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) {
      throw invalidArgument(`Expected a positive integer for ${name}[${i}] but received ${describe(dim)}`, `${name}[${i}]`);
    }
    count *= dim;
  });
  if (count > maxElements) {
    throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `${name} has ${count} elements, above the cap of ${maxElements}`, {
      details: { argument: name, cap: maxElements },
    });
  }
  return value as number[];
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Scales must be finite and strictly positive: 0, NaN and Inf would poison every output. */
export function expectScales(name: string, scales: Float32Array): void {
  for (let i = 0; i < scales.length; i++) {
    const s = scales[i] as number;
    if (!(s > 0) || !Number.isFinite(s)) {
      throw invalidArgument(`Expected a finite positive scale for ${name}[${i}] but received ${s}`, `${name}[${i}]`);
    }
  }
}

export function expectThreads(value: unknown): number {
  return value === undefined ? 1 : expectInteger('threads', value, 1, 64);
}

/**
 * Default cap on the elements of any tensor an operation reads or writes (sharp-style safe
 * default); a caller lifts it per call with the `maxElements` option.
 */
export const DEFAULT_MAX_ELEMENTS = 2 ** 28;

export function expectMaxElements(value: unknown): number {
  return value === undefined ? DEFAULT_MAX_ELEMENTS : expectInteger('maxElements', value, 1, 2 ** 32);
}

export function resourceExhausted(name: string, count: number, cap: number): EdgepressError {
  return new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `${name} has ${count} elements, above the cap of ${cap}`, {
    details: { argument: name, cap },
  });
}

/** An object with `data` (an instance of one of `ctors`) and a `shape` whose element count matches it. */
export function expectTensor<C extends TypedArrayConstructor>(
  name: string,
  value: unknown,
  ctors: readonly C[],
  maxElements: number,
): { data: InstanceType<C>; shape: number[] } {
  if (typeof value !== 'object' || value === null || !('data' in value) || !('shape' in value)) {
    throw invalidArgument(`Expected a tensor { data, shape } for ${name} but received ${describe(value)}`, name);
  }
  const { data, shape } = value as { data: unknown; shape: unknown };
  if (!ctors.some((ctor) => isTypedArrayOf(data, ctor))) {
    const expected = ctors.map((ctor) => ctor.name).join(' or ');
    throw invalidArgument(`Expected a ${expected} for ${name}.data but received ${describe(data)}`, `${name}.data`);
  }
  const dims = expectShape(`${name}.shape`, shape, maxElements);
  const count = elementCount(dims);
  if ((data as InstanceType<C>).length !== count) {
    throw invalidArgument(
      `Expected ${name}.data to hold ${count} elements (shape [${dims.join(', ')}]) but received ${(data as InstanceType<C>).length}`,
      `${name}.data`,
    );
  }
  return { data: data as InstanceType<C>, shape: [...dims] };
}

/** An axis in [-rank, rank), ONNX style; returns it normalised to [0, rank). */
export function expectAxis(name: string, value: unknown, rank: number): number {
  const axis = expectInteger(name, value, -rank, rank - 1);
  return axis < 0 ? axis + rank : axis;
}

export function expectPowerOfTwo(name: string, value: unknown, min: number, max: number): number {
  const n = expectInteger(name, value, min, max);
  if ((n & (n - 1)) !== 0) {
    throw invalidArgument(`Expected a power of two between ${min} and ${max} for ${name} but received ${n}`, name);
  }
  return n;
}

/** Every zero point an integer within the quantized type's range [qmin, qmax]. */
export function expectZeroPoints(name: string, values: ArrayLike<number>, qmin: number, qmax: number): void {
  for (let i = 0; i < values.length; i++) {
    const z = values[i] as number;
    if (!Number.isInteger(z) || z < qmin || z > qmax) {
      throw invalidArgument(`Expected an integer between ${qmin} and ${qmax} for ${name}[${i}] but received ${z}`, `${name}[${i}]`);
    }
  }
}
