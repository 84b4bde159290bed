import fs from 'node:fs';
import { runPythonJson, temporaryFolder } from '../../test/fixtures/python';
import { runOrtBatch } from '../../test/fixtures/ort';
import { readModel } from '../model/read';
import { DataType } from './data-types';
import { float32ToFloat16 } from './float16';
import type { Tensor } from './tensor';

/**
 * Decoding of every data type, from raw_data and from the typed fields, checked against the
 * values numpy assigned when python-onnx built the models, and against what ONNX Runtime computes
 * from the same initializers (Identity, Cast to float, DequantizeLinear for int4/uint4).
 */
interface DtypeCase {
  file: string;
  name: string;
  storage: 'raw' | 'typed';
  dataType: number;
  dims: number[];
  values: (number | string)[];
  ort: boolean;
}

const folder = temporaryFolder('decode');
const cases = runPythonJson<DtypeCase[]>('make_dtype_models.py', [folder.dir]);
afterAll(() => folder.cleanup());

const decoded = new Map<DtypeCase, Tensor>(cases.map((c) => [c, readModel(new Uint8Array(fs.readFileSync(c.file))).readWeight('W')]));

function expectedNumber(value: number | string): number {
  if (value === 'nan') return Number.NaN;
  if (value === 'inf') return Infinity;
  if (value === '-inf') return -Infinity;
  if (value === '-0') return -0;
  return value as number;
}

function sameNumber(actual: number, expected: number): boolean {
  return Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected));
}

describe('decoding every data type', () => {
  it.each(cases.map((c) => [`${c.name} from ${c.storage === 'raw' ? 'raw_data' : 'typed fields'}`, c]))('%s matches numpy', (_, c) => {
    const tensor = decoded.get(c) as Tensor;
    expect(tensor.dataType).toBe(c.dataType);
    expect(tensor.dims).toEqual(c.dims);
    const data = tensor.data;
    if (c.dataType === DataType.STRING) {
      expect((data as Uint8Array[]).map((item) => Buffer.from(item).toString('hex'))).toEqual(c.values);
    } else if (c.dataType === DataType.INT64 || c.dataType === DataType.UINT64) {
      expect(Array.from(data as BigInt64Array, String)).toEqual(c.values);
    } else {
      const actual = Array.from(data as ArrayLike<number>);
      expect(actual).toHaveLength(c.values.length);
      const mismatches = actual.filter((value, i) => !sameNumber(value, expectedNumber(c.values[i])));
      expect(mismatches).toEqual([]);
    }
  });

  it('agrees with what ONNX Runtime reads from the same initializers', () => {
    const runnable = cases.filter((c) => c.ort);
    const results = runOrtBatch(runnable.map((c) => ({ model: c.file })));
    runnable.forEach((c, i) => {
      const output = results[i].Y;
      const tensor = decoded.get(c) as Tensor;
      let expected: unknown[];
      if (c.dataType === DataType.FLOAT16) expected = Array.from(float32ToFloat16(tensor.data as Float32Array));
      else if (c.dataType === DataType.STRING) expected = (tensor.data as Uint8Array[]).map((item) => new TextDecoder().decode(item));
      else if (c.dataType === DataType.BOOL) expected = Array.from(tensor.data as Uint8Array);
      else expected = Array.from(tensor.data as ArrayLike<unknown>);
      const actual = Array.from(output.data);
      expect({ name: c.name, storage: c.storage, equal: actual.every((value, k) => Object.is(value, expected[k]) || (Number.isNaN(value) && Number.isNaN(expected[k]))) }).toEqual({
        name: c.name,
        storage: c.storage,
        equal: true,
      });
    });
    expect(runnable.length).toBe(39);
  });
});
