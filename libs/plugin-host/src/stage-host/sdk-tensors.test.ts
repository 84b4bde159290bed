import { ErrorCode } from '@edgepress/errors';
import { DataType } from '@edgepress/onnx';
import type { TensorData } from '@edgepress/plugin-sdk';
import vm from 'node:vm';
import { tensorFromSdk, tensorToSdk } from './sdk-tensors';

const samples: TensorData[] = [
  { dataType: 'float', dims: [2, 2], values: new Float32Array([1.5, -2, 0, 3]) },
  { dataType: 'float16', dims: [2], values: new Float32Array([0.5, 65504]) },
  { dataType: 'bfloat16', dims: [1], values: new Float32Array([256]) },
  { dataType: 'double', dims: [2], values: new Float64Array([Math.PI, -1e300]) },
  { dataType: 'int8', dims: [3], values: new Int8Array([-128, 0, 127]) },
  { dataType: 'uint8', dims: [2], values: new Uint8Array([0, 255]) },
  { dataType: 'int4', dims: [3], values: new Int8Array([-8, 0, 7]) },
  { dataType: 'uint4', dims: [2], values: new Uint8Array([0, 15]) },
  { dataType: 'bool', dims: [2], values: new Uint8Array([1, 0]) },
  { dataType: 'int16', dims: [1], values: new Int16Array([-300]) },
  { dataType: 'uint16', dims: [1], values: new Uint16Array([60000]) },
  { dataType: 'int32', dims: [1], values: new Int32Array([-70000]) },
  { dataType: 'uint32', dims: [1], values: new Uint32Array([4e9]) },
  { dataType: 'int64', dims: [2], values: new BigInt64Array([-(2n ** 62n), 5n]) },
  { dataType: 'uint64', dims: [1], values: new BigUint64Array([2n ** 63n]) },
  { dataType: 'string', dims: [2], values: ['héllo', ''] },
  { dataType: 'float', dims: [0, 3], values: new Float32Array(0) },
];

describe('tensorFromSdk and tensorToSdk', () => {
  it.each(samples.map((sample) => [sample.dataType, sample] as const))('round-trip %s tensors', (_type, sample) => {
    const tensor = tensorFromSdk(sample, 'data');
    const back = tensorToSdk(tensor);
    expect(back.dataType).toBe(sample.dataType);
    expect(back.dims).toEqual(sample.dims);
    expect(Array.isArray(back.values) ? back.values : Array.from(back.values as ArrayLike<unknown>)).toEqual(Array.isArray(sample.values) ? sample.values : Array.from(sample.values as ArrayLike<unknown>));
  });

  it('copies the values and rounds float16 on the way in', () => {
    const values = new Float32Array([1, 0.1]);
    const tensor = tensorFromSdk({ dataType: 'float16', dims: [2], values }, 'data');
    values[0] = 9;
    expect(Array.from(tensor.data as Float32Array)).toEqual([1, 0.0999755859375]);
    expect(tensor.dataType).toBe(DataType.FLOAT16);
  });

  it('accepts typed arrays from another realm', () => {
    const foreign = vm.runInNewContext('new Float32Array([1, 2, 3])') as Float32Array;
    expect(foreign instanceof Float32Array).toBe(false);
    expect(Array.from(tensorFromSdk({ dataType: 'float', dims: [3], values: foreign }, 'data').data as Float32Array)).toEqual([1, 2, 3]);
  });

  it.each([
    ['an unknown data type', { dataType: 'float8e4m3fn', dims: [1], values: new Uint8Array(1) }, /dataType/],
    ['the wrong typed array', { dataType: 'float', dims: [2], values: new Float64Array(2) }, /Float32Array.*Float64Array/],
    ['a plain array', { dataType: 'int32', dims: [2], values: [1, 2] }, /Int32Array/],
    ['too few values', { dataType: 'float', dims: [2, 3], values: new Float32Array(5) }, /Expected 6 values/],
    ['negative dims', { dataType: 'float', dims: [-1], values: new Float32Array(0) }, /dims\[0\]/],
    ['fractional dims', { dataType: 'float', dims: [1.5], values: new Float32Array(1) }, /dims\[0\]/],
    ['overflowing dims', { dataType: 'float', dims: [2 ** 40, 2 ** 40], values: new Float32Array(0) }, /counted exactly/],
    ['a rank of 65', { dataType: 'float', dims: new Array(65).fill(1), values: new Float32Array(1) }, /at most 64/],
    ['int4 out of range', { dataType: 'int4', dims: [1], values: new Int8Array([8]) }, /\[-8, 7\]/],
    ['bool out of range', { dataType: 'bool', dims: [1], values: new Uint8Array([2]) }, /\[0, 1\]/],
    ['strings that are not strings', { dataType: 'string', dims: [1], values: [1] }, /array of strings/],
    ['an extra key', { dataType: 'float', dims: [1], values: new Float32Array(1), name: 'x' }, /Unknown option "name"/],
    ['a fake typed array', { dataType: 'float', dims: [1], values: { length: 1, 0: 1, [Symbol.toStringTag]: 'Float32Array' } }, /Float32Array/],
    ['null', null, /options object/],
  ])('refuses %s', (_label, value, message) => {
    expect(() => tensorFromSdk(value, 'data')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT, message: expect.stringMatching(message) }));
  });
});
