import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { float16ToFloat32 } from '@edgepress/onnx';
import type { OutputTensor } from './ort-session';

/** A numeric output as float values (float16 decoded, integers and bools widened); strings are refused. */
export function numericValues(tensor: OutputTensor, name: string): Float32Array | Float64Array {
  const data = tensor.data;
  if (data instanceof Float32Array || data instanceof Float64Array) return data;
  if (tensor.type === 'float16') return float16ToFloat32(data as Uint16Array);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float64Array.from(data, (value) => Number(value));
  if (Array.isArray(data)) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Output '${name}' holds strings; numeric metrics cannot compare it`);
  return Float64Array.from(data as ArrayLike<number>);
}

/** Resolves a possibly negative axis against a rank. */
export function resolveAxis(axis: number, rank: number, what: string): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || resolved < 0 || resolved >= Math.max(rank, 1)) {
    throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Expected ${what} in [${-rank}, ${rank - 1}] but received ${axis}`);
  }
  return resolved;
}

/**
 * Calls `visit(positionIndex, offset, stride)` for every position of a tensor along `axis`: the
 * `extent` values of one position are at offset, offset + stride, ... (row-major layout).
 */
export function forEachPosition(dims: readonly number[], axis: number, visit: (offset: number, stride: number, extent: number) => void): void {
  const extent = dims.length === 0 ? 1 : dims[axis];
  let stride = 1;
  for (let d = axis + 1; d < dims.length; d++) stride *= dims[d];
  let outer = 1;
  for (let d = 0; d < axis; d++) outer *= dims[d];
  for (let o = 0; o < outer; o++) {
    const base = o * extent * stride;
    for (let inner = 0; inner < stride; inner++) visit(base + inner, stride, extent);
  }
}

/**
 * True for finite numbers (x - x is NaN for NaN and the infinities). Hot loops use this rather than
 * Number.isFinite: under Jest's vm sandbox every lookup of a global (Number, Math) goes through
 * the context's interceptor and made evaluation of real models some 40 times slower.
 */
export function isFiniteNumber(value: number): boolean {
  return value - value === 0;
}

/** Index of the largest finite value among `extent` values starting at offset (first on ties; -1 when none is finite). */
export function argMax(values: ArrayLike<number>, offset: number, stride: number, extent: number): number {
  let best = -1;
  let bestValue = 0;
  for (let k = 0; k < extent; k++) {
    const value = values[offset + k * stride];
    if (isFiniteNumber(value) && (best < 0 || value > bestValue)) {
      best = k;
      bestValue = value;
    }
  }
  return best;
}
