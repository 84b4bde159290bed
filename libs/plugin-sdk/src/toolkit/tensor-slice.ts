import { EdgepressError, ErrorCode } from '@edgepress/errors';

/** Element count of a shape. */
export function elementCount(dims: readonly number[]): number {
  let count = 1;
  for (const dim of dims) count *= dim;
  return count;
}

type NumericArray = Float32Array | Float64Array | Int32Array | Int8Array | Uint8Array;

/**
 * Keeps the slices `keep` (sorted or not, each in [0, dims[axis])) along `axis` of a row-major
 * tensor: the structured-pruning primitive (output channels at axis 0, input channels at axis 1).
 */
export function takeAlongAxis<T extends NumericArray>(values: T, dims: readonly number[], axis: number, keep: readonly number[]): { values: T; dims: number[] } {
  if (!Number.isInteger(axis) || axis < 0 || axis >= dims.length) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `takeAlongAxis: expected an axis in [0, ${dims.length}) but received ${axis}`);
  }
  if (values.length !== elementCount(dims)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `takeAlongAxis: ${values.length} values do not fill dims [${dims.join(', ')}]`);
  }
  const size = dims[axis];
  for (const index of keep) {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `takeAlongAxis: index ${index} is outside [0, ${size}) on axis ${axis}`);
    }
  }
  const outer = elementCount(dims.slice(0, axis));
  const inner = elementCount(dims.slice(axis + 1));
  const Ctor = values.constructor as new (length: number) => T;
  const out = new Ctor(outer * keep.length * inner);
  let offset = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    for (const index of keep) {
      const start = base + index * inner;
      out.set(values.subarray(start, start + inner) as never, offset);
      offset += inner;
    }
  }
  const newDims = [...dims];
  newDims[axis] = keep.length;
  return { values: out, dims: newDims };
}

/** The indices of [0, size) that are not in `removed`, ascending. */
export function keptIndices(size: number, removed: Iterable<number>): number[] {
  const drop = new Set(removed);
  const kept: number[] = [];
  for (let i = 0; i < size; i++) if (!drop.has(i)) kept.push(i);
  return kept;
}
