import { EdgepressError, ErrorCode } from '@edgepress/errors';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runPython, temporaryFolder } from '../../test/python';
import { parseNpy } from './npy';

// numpy writes one file per dtype (and format version), and the values as JSON for comparison.
const WRITER = `
import json, sys, numpy as np
folder = sys.argv[1]
cases = {
  'f4': np.array([[1.5, -2.25, 3.0e-8], [np.float32(1) / 3, 65504.0, -0.0]], dtype='<f4'),
  'f8': np.array([np.pi, -1e300, 5e-324], dtype='<f8'),
  'f2': np.array([[0.5, -1.0], [65504.0, 6.1e-5]], dtype='<f2'),
  'i8': np.array([-(2**63), 2**63 - 1, 0, 42], dtype='<i8'),
  'i4': np.arange(-6, 6, dtype='<i4').reshape(2, 3, 2),
  'u1': np.array([0, 1, 127, 255], dtype='|u1'),
  'i1': np.array([-128, -1, 0, 127], dtype='|i1'),
  'b1': np.array([[True, False, True]], dtype='|b1'),
  'scalar': np.array(7.25, dtype='<f4'),
  'empty': np.zeros((0, 3), dtype='<f4'),
}
out = {}
for name, array in cases.items():
  np.save(f'{folder}/{name}.npy', array)
  if array.dtype == np.float16: values = array.view(np.uint16).ravel().tolist()
  elif array.dtype == np.int64: values = [str(v) for v in array.ravel().tolist()]
  elif array.dtype == np.bool_: values = [int(v) for v in array.ravel().tolist()]
  else: values = array.ravel().tolist()
  out[name] = {'shape': list(array.shape), 'values': values}
for version in [(2, 0), (3, 0)]:
  with open(f'{folder}/v{version[0]}.npy', 'wb') as f:
    np.lib.format.write_array(f, np.arange(6, dtype='<f4').reshape(3, 2), version=version)
np.save(f'{folder}/fortran.npy', np.asfortranarray(np.arange(6, dtype='<f4').reshape(2, 3)))
np.save(f'{folder}/bigendian.npy', np.arange(3, dtype='>f4'))
np.save(f'{folder}/complex.npy', np.arange(3, dtype='<c8'))
print(json.dumps(out))
`;

interface Expected {
  shape: number[];
  values: (number | string)[];
}

describe('parseNpy against files written by numpy', () => {
  const { folder, remove } = temporaryFolder('npy');
  let expected: Record<string, Expected>;
  const read = (name: string) => parseNpy(new Uint8Array(readFileSync(path.join(folder, `${name}.npy`))), `${name}.npy`);

  beforeAll(() => {
    expected = JSON.parse(runPython(WRITER, [folder])) as Record<string, Expected>;
  });
  afterAll(remove);

  it.each([
    ['f4', 'float32', Float32Array],
    ['f8', 'float64', Float64Array],
    ['f2', 'float16', Uint16Array],
    ['i4', 'int32', Int32Array],
    ['u1', 'uint8', Uint8Array],
    ['i1', 'int8', Int8Array],
    ['b1', 'bool', Uint8Array],
    ['scalar', 'float32', Float32Array],
    ['empty', 'float32', Float32Array],
  ] as const)('reads %s as %s with numpy\'s shape and values', (name, dataType, ArrayType) => {
    const tensor = read(name);
    expect(tensor.dataType).toBe(dataType);
    expect(tensor.dims).toEqual(expected[name].shape);
    expect(tensor.data).toBeInstanceOf(ArrayType);
    const values = Array.from(tensor.data as ArrayLike<number>);
    const want = expected[name].values as number[];
    if (dataType === 'float32') expect(values).toEqual(want.map((value) => Math.fround(value)));
    else expect(values).toEqual(want);
  });

  it('reads int64 exactly, including the extremes', () => {
    const tensor = read('i8');
    expect(tensor.dataType).toBe('int64');
    expect(Array.from(tensor.data as BigInt64Array, String)).toEqual(expected.i8.values);
  });

  it('reads format versions 2.0 and 3.0', () => {
    for (const name of ['v2', 'v3']) {
      const tensor = read(name);
      expect(tensor.dims).toEqual([3, 2]);
      expect(Array.from(tensor.data as Float32Array)).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });

  it.each([
    ['fortran', /Fortran/],
    ['bigendian', /big-endian dtype '>f4'/],
    ['complex', /dtype '<c8'/],
  ])('refuses %s with a clear error naming the file', (name, message) => {
    expect(() => read(name)).toThrow(message);
    try {
      read(name);
    } catch (error) {
      expect((error as EdgepressError).code).toBe(ErrorCode.BAD_USER_INPUT);
      expect((error as Error).message).toContain(`${name}.npy`);
    }
  });
});

/** A v1 file with this header text (padded as numpy does) and data. */
function npyFile(header: string, data: Uint8Array = new Uint8Array(0), major = 1): Uint8Array {
  const lengthBytes = major === 1 ? 2 : 4;
  let text = header;
  while ((10 + lengthBytes - 2 + text.length + 1) % 64 !== 0) text += ' ';
  text += '\n';
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + lengthBytes + body.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (lengthBytes === 2) view.setUint16(8, body.length, true);
  else view.setUint32(8, body.length, true);
  out.set(body, 8 + lengthBytes);
  out.set(data, 8 + lengthBytes + body.length);
  return out;
}

describe('parseNpy on malformed files', () => {
  const good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty file', new Uint8Array(0), /magic/],
    ['wrong magic', new TextEncoder().encode('PK\u0003\u0004 not numpy at all'), /magic/],
    ['unknown version', npyFile(good, new Uint8Array(8), 4), /version 4\.0/],
    ['header length past the end', Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0xff, 0x00, 0x7b), /255-byte header/],
    ['huge header', (() => { const file = npyFile(good, new Uint8Array(8), 2); new DataView(file.buffer).setUint32(8, 0xffffffff, true); return file; })(), /at most 10000/],
    ['not a dict', npyFile("['descr', '<f4']"), /expected '\{'/],
    ['missing shape', npyFile("{'descr': '<f4', 'fortran_order': False}"), /without all of/],
    ['extra key', npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'evil': 1}"), /unexpected header key 'evil'/],
    ['negative dimension', npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }"), /non-negative integer dimension/],
    ['overflowing shape', npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"), /not a safe integer/],
    ['shape above the byte limit', npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }"), /above the 1073741824-byte limit/],
    ['data shorter than the shape', npyFile(good, new Uint8Array(7)), /needing 8 bytes of data but holds 7/],
    ['data longer than the shape', npyFile(good, new Uint8Array(9)), /1 bytes after/],
    ['fortran_order not a bool', npyFile("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }"), /True or False/],
    ['trailing garbage after the dict', npyFile(`${good} import os`), /only padding/],
    ['unterminated string', npyFile("{'descr: '<f4'"), /expected ':'|closing quote/],
    ['multi-byte type with | order', npyFile("{'descr': '|f4', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(8)), /unknown byte order/],
  ];

  it.each(cases)('refuses %s as BAD_USER_INPUT naming the file', (_, bytes, message) => {
    let caught: unknown;
    try {
      parseNpy(bytes, 'bad.npy');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EdgepressError);
    expect((caught as EdgepressError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain("'bad.npy'");
  });

  it('honours a lower maxBytes', () => {
    expect(() => parseNpy(npyFile(good, new Uint8Array(8)), 'small.npy', { maxBytes: 4 })).toThrow(/above the 4-byte limit/);
  });

  it('turns any corruption of a valid file into a tensor or a BAD_USER_INPUT error, never a crash', () => {
    const valid = npyFile("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", new Uint8Array(24));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(valid.length), (edits, cut) => {
        const bytes = valid.slice(0, Math.max(cut, 1));
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        try {
          const tensor = parseNpy(bytes, 'fuzz.npy');
          expect(tensor.data.length * 4).toBeLessThanOrEqual(bytes.length);
        } catch (error) {
          expect(error).toBeInstanceOf(EdgepressError);
          expect((error as EdgepressError).code).toBe(ErrorCode.BAD_USER_INPUT);
        }
      }),
      { numRuns: 500 },
    );
  });
});
