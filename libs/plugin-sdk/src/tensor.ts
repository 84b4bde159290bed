/**
 * Tensors stay on the host: a plugin holds handles, and copies numbers into its sandbox only when
 * it calls `ctx.tensors.read`.
 */

export type DataTypeName =
  | 'float'
  | 'float16'
  | 'bfloat16'
  | 'double'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'int4'
  | 'uint4'
  | 'bool'
  | 'string';

export interface TensorHandle {
  /** Opaque id, valid for the current stage only. */
  readonly id: string;
  readonly dataType: DataTypeName;
  readonly dims: readonly number[];
}

/**
 * Tensor values inside the sandbox. float, float16 and bfloat16 read as Float32Array; int4 and
 * uint4 read unpacked (one element per byte); bool as Uint8Array; int64/uint64 as BigInt64Array /
 * BigUint64Array; string as string[].
 */
export type TensorValues =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

export interface TensorData {
  readonly dataType: DataTypeName;
  readonly dims: readonly number[];
  readonly values: TensorValues;
}
