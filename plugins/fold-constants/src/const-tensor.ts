import type { DataTypeName, TensorValues } from '@edgepress/plugin-sdk';

/** A constant's values inside the sandbox, as ctx.tensors reads and writes them. */
export interface ConstTensor {
  readonly dataType: DataTypeName;
  readonly dims: readonly number[];
  readonly values: TensorValues;
}

/** Thrown by an operator that cannot compute this case exactly: the node is left in the graph. */
export class NotFoldable extends Error {}

export function notFoldable(reason: string): never {
  throw new NotFoldable(reason);
}

export function count(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Row-major strides of a shape. */
export function strides(dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length);
  let step = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    out[i] = step;
    step *= dims[i];
  }
  return out;
}

/** An axis in [0, rank) from ONNX's [-rank, rank) form. */
export function normalizeAxis(axis: number, rank: number): number {
  const normalized = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(normalized) || normalized < 0 || normalized >= rank) notFoldable(`axis ${axis} is outside rank ${rank}`);
  return normalized;
}

/** The integer entries of a 1-D (or scalar) int32/int64 tensor, as safe numbers. */
export function integers(tensor: ConstTensor): number[] {
  if (tensor.dataType !== 'int64' && tensor.dataType !== 'int32') notFoldable(`expected int64 values but got ${tensor.dataType}`);
  return Array.from(tensor.values as ArrayLike<number | bigint>, (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) notFoldable(`integer ${String(value)} is not exact as a number`);
    return n;
  });
}

/** Integer entries where huge values (Slice's INT64_MAX "to the end") only matter by sign: clamped to +-2^53. */
export function clampedIntegers(tensor: ConstTensor): number[] {
  if (tensor.dataType !== 'int64' && tensor.dataType !== 'int32') notFoldable(`expected int64 values but got ${tensor.dataType}`);
  const limit = Number.MAX_SAFE_INTEGER;
  return Array.from(tensor.values as ArrayLike<number | bigint>, (value) => Math.min(Math.max(Number(value), -limit), limit));
}

export function int64Tensor(values: readonly number[], dims: readonly number[] = [values.length]): ConstTensor {
  return { dataType: 'int64', dims, values: BigInt64Array.from(values, (value) => BigInt(value)) };
}

type ArrayCtor = new (length: number) => Exclude<TensorValues, string[]>;

const ARRAYS: Partial<Record<DataTypeName, ArrayCtor>> = {
  float: Float32Array,
  double: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

/** A zeroed array for a data type this folder computes in (float16/bfloat16/int4/string are not). */
export function allocate(dataType: DataTypeName, length: number): Exclude<TensorValues, string[]> {
  const Ctor = ARRAYS[dataType];
  if (Ctor === undefined) notFoldable(`${dataType} values are not folded`);
  return new Ctor(length);
}

/** Copies elements picked by `source(i)` for every output index i. */
export function gatherElements(input: ConstTensor, dims: readonly number[], source: (index: number) => number): ConstTensor {
  if (Array.isArray(input.values)) notFoldable('string tensors are not folded');
  const out = allocate(input.dataType, count(dims));
  const values = input.values as ArrayLike<number | bigint>;
  for (let i = 0; i < out.length; i++) (out as unknown as (number | bigint)[])[i] = values[source(i)];
  return { dataType: input.dataType, dims, values: out };
}
