import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { float32ToFloat16 } from '@edgepress/onnx';
import { elementCount, type SampleData, type SampleDataType, type SampleTensor } from './sample';

const DATA_TYPES: readonly SampleDataType[] = ['float32', 'float64', 'float16', 'int64', 'int32', 'int8', 'uint8', 'bool'];
const INT_RANGES: Partial<Record<SampleDataType, readonly [number, number]>> = {
  int32: [-2147483648, 2147483647],
  int8: [-128, 127],
  uint8: [0, 255],
  bool: [0, 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * `{"dims": [1, 4], "data": [0.1, 0.2, 0.3, 0.4], "dataType"?: "float32"}` -> a sample tensor.
 * `data` is flat, row-major; float data must be finite numbers, integer data integers within the
 * type's range (int64 within +-2^53, since JSON numbers are doubles), bool data true/false or 0/1.
 * `where` names the tensor in errors ("line 3, input 'x' of data.jsonl").
 */
export function tensorFromJson(value: unknown, where: string, maxElements: number): SampleTensor {
  const bad = (problem: string) => new EdgepressError(ErrorCode.BAD_USER_INPUT, `${where}: ${problem}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('expected an object {"dims": [...], "data": [...]}');
  const record = value as Record<string, unknown>;
  const dataType = (record.dataType ?? 'float32') as SampleDataType;
  if (!DATA_TYPES.includes(dataType)) throw bad(`dataType ${JSON.stringify(record.dataType)} is not one of ${DATA_TYPES.join(', ')}`);
  const dims = record.dims;
  if (!Array.isArray(dims) || !dims.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) throw bad('"dims" must be an array of non-negative integers');
  const count = elementCount(dims);
  if (count === undefined || count > maxElements) throw bad(`shape [${dims.join(', ')}] has more than the ${maxElements} elements allowed`);
  const data = record.data;
  if (!Array.isArray(data)) throw bad('"data" must be a flat array of numbers');
  if (data.length !== count) throw bad(`shape [${dims.join(', ')}] needs ${count} values but "data" has ${data.length}`);
  return { dataType, dims, data: toTypedArray(dataType, data, bad) };
}

function toTypedArray(dataType: SampleDataType, values: unknown[], bad: (problem: string) => EdgepressError): SampleData {
  const range = INT_RANGES[dataType];
  const numbers = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    const value = dataType === 'bool' && typeof raw === 'boolean' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`data[${i}] is ${JSON.stringify(raw)}; expected a finite number`);
    if (range !== undefined && (!Number.isInteger(value) || value < range[0] || value > range[1])) {
      throw bad(`data[${i}] is ${value}; ${dataType} data must be integers in [${range[0]}, ${range[1]}]`);
    }
    numbers[i] = value;
  }
  switch (dataType) {
    case 'float32':
      return Float32Array.from(numbers);
    case 'float64':
      return numbers;
    case 'float16':
      return float32ToFloat16(Float32Array.from(numbers));
    case 'int64':
      return BigInt64Array.from(numbers, (value) => BigInt(value));
    case 'int32':
      return Int32Array.from(numbers);
    case 'int8':
      return Int8Array.from(numbers);
    case 'uint8':
    case 'bool':
      return Uint8Array.from(numbers);
  }
}
