import { EdgepressError } from '@edgepress/errors';
import { DATA_TYPES, DataType, dataTypeFromName, dataTypeName } from './data-types';
import { decodeTensor } from './decode';
import { encodeTensor } from './encode';
import { createTensor, type TensorInit } from './tensor';

/** One small tensor of every type, with values at the edges of each range. */
const SAMPLES: TensorInit[] = [
  { dataType: 'float', dims: [2, 2], data: [1.5, -0, Number.NaN, Infinity] },
  { dataType: 'double', dims: [3], data: [1e300, -5e-324, 0.1] },
  { dataType: 'float16', dims: [3], data: [65504, 6e-8, -2.5] },
  { dataType: 'bfloat16', dims: [2], data: [3.140625, -1e38] },
  { dataType: 'float8e4m3fn', dims: [3], data: [448, -0.001953125, 1.125] },
  { dataType: 'float8e4m3fnuz', dims: [2], data: [240, -1] },
  { dataType: 'float8e5m2', dims: [3], data: [57344, -Infinity, 0.5] },
  { dataType: 'float8e5m2fnuz', dims: [2], data: [57344, 1.5e-5] },
  { dataType: 'float4e2m1', dims: [5], data: [6, -0.5, 1.5, 3, -4] },
  { dataType: 'float8e8m0', dims: [2], data: Uint8Array.of(127, 255) },
  { dataType: 'int8', dims: [3], data: [-128, 127, 0] },
  { dataType: 'uint8', dims: [2], data: [0, 255] },
  { dataType: 'int16', dims: [2], data: [-32768, 32767] },
  { dataType: 'uint16', dims: [2], data: [0, 65535] },
  { dataType: 'int32', dims: [2], data: [-2147483648, 2147483647] },
  { dataType: 'uint32', dims: [2], data: [0, 4294967295] },
  { dataType: 'int64', dims: [2], data: [-(2n ** 63n), 2n ** 63n - 1n] },
  { dataType: 'uint64', dims: [2], data: [0n, 2n ** 64n - 1n] },
  { dataType: 'bool', dims: [3], data: [true, false, true] },
  { dataType: 'string', dims: [3], data: ['a', '', 'ünï'] },
  { dataType: 'complex64', dims: [2], data: [1, 2, -3, 0.5] },
  { dataType: 'complex128', dims: [1], data: [1e200, -1e-200] },
  { dataType: 'int4', dims: [5], data: [-8, 7, 0, -1, 3] },
  { dataType: 'uint4', dims: [3], data: [0, 15, 9] },
];

function expectInvalid(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EdgepressError);
    expect((error as EdgepressError).code).toBe('INVALID_ARGUMENT');
    expect((error as EdgepressError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected an INVALID_ARGUMENT error');
}

describe('data types', () => {
  it('names every ONNX type and maps names back', () => {
    expect(DATA_TYPES).toHaveLength(24);
    for (const info of DATA_TYPES) expect(dataTypeFromName(dataTypeName(info.dataType))).toBe(info.dataType);
    expect(dataTypeName(99)).toMatch(/unknown/);
  });
});

describe('createTensor, encodeTensor, decodeTensor', () => {
  it('has a sample for every data type', () => {
    expect(new Set(SAMPLES.map((s) => s.dataType)).size).toBe(DATA_TYPES.length);
  });

  it.each(SAMPLES.map((s) => [s.dataType as string, s]))('%s survives encode/decode through raw_data and through typed fields', (_, init) => {
    const tensor = createTensor({ ...init, name: 'w' });
    for (const encoding of ['raw', 'typed'] as const) {
      const proto = encodeTensor(tensor, encoding);
      const back = decodeTensor(proto);
      expect(back.dataType).toBe(tensor.dataType);
      expect(back.dims).toEqual(tensor.dims);
      if (tensor.dataType === DataType.STRING) expect(back.data).toEqual(tensor.data);
      else {
        const a = Array.from(back.data as ArrayLike<number>);
        const b = Array.from(tensor.data as ArrayLike<number>);
        expect(a.every((v, i) => Object.is(v, b[i]) || (Number.isNaN(v) && Number.isNaN(b[i])))).toBe(true);
      }
      if (tensor.dataType !== DataType.STRING) expect(encoding === 'raw' ? proto.rawData.length : proto.rawData.length === 0).toBeTruthy();
    }
  });

  it('rounds values of the narrow float types on the way in, so data is what is stored', () => {
    expect(Array.from(createTensor({ dataType: 'float16', dims: [1], data: [0.1] }).data as Float32Array)).toEqual([0.0999755859375]);
    expect(Array.from(createTensor({ dataType: 'float16', dims: [1], data: Uint16Array.of(0x3c00) }).data as Float32Array)).toEqual([1]);
  });

  it('refuses shapes and values that do not fit, naming the tensor', () => {
    expectInvalid(() => createTensor({ name: 'w', dataType: 'float', dims: [2, 2], data: [1, 2, 3] }), /Expected 4 values for tensor 'w'/);
    expectInvalid(() => createTensor({ name: 'w', dataType: 'float', dims: [-1], data: [] }), /negative/);
    expectInvalid(() => createTensor({ name: 'w', dataType: 'float', dims: [2 ** 40, 2 ** 20], data: [] }), /overflows 2\^53/);
    expectInvalid(() => createTensor({ name: 'w', dataType: 'int8', dims: [1], data: [128] }), /\[-128, 127\].*element 0 is 128/);
    expectInvalid(() => createTensor({ name: 'w', dataType: 'int4', dims: [1], data: Int8Array.of(8) }), /\[-8, 7\]/);
    expectInvalid(() => createTensor({ name: 'w', dataType: 'int64', dims: [1], data: [2 ** 60] }), /bigint or safe numbers/);
    expectInvalid(() => createTensor({ name: 'w', dataType: 'uint64', dims: [1], data: [-1n] }), /outside/);
    expectInvalid(() => createTensor({ name: 'w', dataType: 'bogus' as never, dims: [1], data: [1] }), /ONNX data type/);
    expectInvalid(() => createTensor({ name: 'w', dataType: 'string', dims: [1], data: [5] as never }), /strings or Uint8Array/);
  });

  it('keeps typed arrays of the decoded form without copying', () => {
    const data = new Float32Array(4);
    expect(createTensor({ dataType: DataType.FLOAT, dims: [4], data }).data).toBe(data);
  });
});
