import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runPython, temporaryFolder } from '../../test/python';
import { parseTensorProto } from './tensor-proto';

const WRITER = `
import json, sys, numpy as np
from onnx import numpy_helper, TensorProto, helper
folder = sys.argv[1]
cases = {
  'float': np.array([[1.5, -2.0], [0.25, 3.0e-8]], dtype=np.float32),
  'int64': np.array([-(2**62), 7, 2**62], dtype=np.int64),
  'float16': np.array([0.5, -65504.0, 6.1e-5], dtype=np.float16),
  'uint8': np.array([0, 200, 255], dtype=np.uint8),
  'bool': np.array([True, False], dtype=np.bool_),
}
out = {}
for name, array in cases.items():
  tensor = numpy_helper.from_array(array, name='x_' + name)
  open(f'{folder}/{name}.pb', 'wb').write(tensor.SerializeToString())
  if array.dtype == np.float16: values = array.view(np.uint16).tolist()
  elif array.dtype == np.int64: values = [str(v) for v in array.tolist()]
  else: values = [float(v) if array.dtype == np.float32 else int(v) for v in array.ravel().tolist()]
  out[name] = {'dims': list(array.shape), 'values': values}
typed = helper.make_tensor('typed', TensorProto.FLOAT, [3], [1.0, 2.0, 3.0])
open(f'{folder}/typed.pb', 'wb').write(typed.SerializeToString())
unnamed = numpy_helper.from_array(np.ones((2,), dtype=np.float32))
open(f'{folder}/unnamed.pb', 'wb').write(unnamed.SerializeToString())
short = numpy_helper.from_array(np.ones((4,), dtype=np.float32), name='short')
short.raw_data = short.raw_data[:10]
open(f'{folder}/short.pb', 'wb').write(short.SerializeToString())
ext = numpy_helper.from_array(np.ones((4,), dtype=np.float32), name='ext')
ext.ClearField('raw_data')
ext.data_location = TensorProto.EXTERNAL
ext.external_data.add(key='location', value='weights.bin')
open(f'{folder}/external.pb', 'wb').write(ext.SerializeToString())
strings = helper.make_tensor('s', TensorProto.STRING, [1], [b'text'])
open(f'{folder}/string.pb', 'wb').write(strings.SerializeToString())
print(json.dumps(out))
`;

describe('parseTensorProto against TensorProtos written by onnx', () => {
  const { folder, remove } = temporaryFolder('pb');
  let expected: Record<string, { dims: number[]; values: (number | string)[] }>;
  const read = (name: string) => parseTensorProto(new Uint8Array(readFileSync(path.join(folder, `${name}.pb`))), `${name}.pb`);

  beforeAll(() => {
    expected = JSON.parse(runPython(WRITER, [folder])) as typeof expected;
  });
  afterAll(remove);

  it.each([
    ['float', 'float32'],
    ['float16', 'float16'],
    ['uint8', 'uint8'],
    ['bool', 'bool'],
  ] as const)('reads %s tensors with their name, dims and values', (name, dataType) => {
    const { name: tensorName, tensor } = read(name);
    expect(tensorName).toBe(`x_${name}`);
    expect(tensor.dataType).toBe(dataType);
    expect(tensor.dims).toEqual(expected[name].dims);
    const values = Array.from(tensor.data as ArrayLike<number>);
    expect(values).toEqual(name === 'float' ? (expected[name].values as number[]).map(Math.fround) : expected[name].values);
  });

  it('reads int64 exactly', () => {
    const { tensor } = read('int64');
    expect(Array.from(tensor.data as BigInt64Array, String)).toEqual(expected.int64.values);
  });

  it('reads values kept in the typed fields, and unnamed tensors', () => {
    expect(Array.from(read('typed').tensor.data as Float32Array)).toEqual([1, 2, 3]);
    expect(read('unnamed').name).toBe('');
  });

  it.each([
    ['short', /short\.pb.*10 bytes|raw_data/],
    ['external', /external data/],
    ['string', /samples hold/],
  ])('refuses %s as BAD_USER_INPUT naming the file', (name, message) => {
    let caught: unknown;
    try {
      read(name);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EdgepressError);
    expect((caught as EdgepressError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((caught as Error).message).toContain(`'${name}.pb'`);
    expect((caught as Error).message).toMatch(message);
  });

  it('refuses empty and garbage bytes', () => {
    expect(() => parseTensorProto(new Uint8Array(0), 'empty.pb')).toThrow(/empty/);
    expect(() => parseTensorProto(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), 'junk.pb')).toThrow(/'junk\.pb' is not a valid TensorProto/);
  });
});
