import type { DataTypeName } from '@edgepress/plugin-sdk';
import { allocate, notFoldable, type ConstTensor } from '../const-tensor';

/** ONNX TensorProto.DataType numbers of the types Cast is folded to. */
const CAST_TARGETS: Readonly<Record<number, DataTypeName>> = {
  1: 'float',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  11: 'double',
  12: 'uint32',
  13: 'uint64',
};

const INT_RANGES: Partial<Record<DataTypeName, readonly [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65535],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

/**
 * Cast between numeric types where the result is defined and reproducible: float to integer
 * truncates toward zero and is refused out of range or for NaN (undefined in ONNX); integers
 * beyond 2^53 are refused (they would be rounded twice on the way to float32); float16, bfloat16
 * and strings are left to the runtime.
 */
export function cast(input: ConstTensor, to: number): ConstTensor {
  const target = CAST_TARGETS[to];
  if (target === undefined) notFoldable(`Cast to type ${to}`);
  if (Array.isArray(input.values) || !['float', 'double', 'bool', ...Object.keys(INT_RANGES)].includes(input.dataType)) notFoldable(`Cast from ${input.dataType}`);
  const source = input.values as ArrayLike<number | bigint>;
  const out = allocate(target, source.length) as unknown as (number | bigint)[];
  const range = INT_RANGES[target];
  for (let i = 0; i < source.length; i++) {
    const raw = source[i];
    const value = typeof raw === 'bigint' ? Number(raw) : raw;
    if (typeof raw === 'bigint' && !Number.isSafeInteger(value)) notFoldable('a 64-bit integer beyond 2^53');
    if (target === 'bool') out[i] = value !== 0 ? 1 : 0;
    else if (target === 'float' || target === 'double') out[i] = value;
    else {
      if (Number.isNaN(value)) notFoldable('Cast of NaN to an integer');
      const truncated = Math.trunc(value);
      if (range === undefined || truncated < range[0] || truncated > range[1]) notFoldable(`Cast of ${value} to ${target} is out of range`);
      out[i] = target === 'int64' || target === 'uint64' ? BigInt(truncated) : truncated;
    }
  }
  return { dataType: target, dims: input.dims, values: out as never };
}
