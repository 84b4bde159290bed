import { dequantizeLinear, quantizeLinear } from './quantize-linear';
import { computeQuantParams } from './quantize-params';
import { quantizeTensor } from './quantize-weights';

const x = { data: new Float32Array(24), shape: [2, 3, 4] };
const one = Float32Array.of(0.5);

type Call = () => Promise<unknown>;

const invalid: [string, string, Call][] = [
  ['x.data of the wrong dtype', 'x.data', () => quantizeLinear({ data: new Float64Array(24) as never, shape: [2, 3, 4] }, 'int8', { scale: one })],
  ['x.data of the wrong length', 'x.data', () => quantizeLinear({ data: new Float32Array(23), shape: [2, 3, 4] }, 'int8', { scale: one })],
  ['a zero dimension', 'x.shape[1]', () => quantizeLinear({ data: new Float32Array(0), shape: [2, 0] }, 'int8', { scale: one })],
  ['a fractional dimension', 'x.shape[0]', () => quantizeLinear({ data: new Float32Array(3), shape: [1.5, 2] }, 'int8', { scale: one })],
  ['an unknown type', 'type', () => quantizeLinear(x, 'int16' as never, { scale: one })],
  ['an axis past the rank', 'axis', () => quantizeLinear(x, 'int8', { scale: new Float32Array(4), axis: 3 })],
  ['an axis before -rank', 'axis', () => quantizeLinear(x, 'int8', { scale: new Float32Array(2), axis: -4 })],
  ['a block size of 0', 'blockSize', () => quantizeLinear(x, 'int8', { scale: new Float32Array(24), axis: 1, blockSize: 0 })],
  ['a fractional block size', 'blockSize', () => quantizeLinear(x, 'int8', { scale: new Float32Array(24), axis: 1, blockSize: 1.5 })],
  ['a block size without an axis', 'axis', () => quantizeLinear(x, 'int8', { scale: one, blockSize: 2 })],
  ['too few per-axis scales', 'scale', () => quantizeLinear(x, 'int8', { scale: new Float32Array(2).fill(1), axis: 1 })],
  ['block scales that do not match ceil(dim / block)', 'scale', () => quantizeLinear(x, 'int8', { scale: new Float32Array(8).fill(1), axis: 2, blockSize: 3 })],
  ['scales of the wrong dtype', 'scale', () => quantizeLinear(x, 'int8', { scale: Float64Array.of(1) as never })],
  ['a zero scale', 'scale[0]', () => quantizeLinear(x, 'int8', { scale: Float32Array.of(0) })],
  ['a NaN scale', 'scale[1]', () => quantizeLinear(x, 'int8', { scale: Float32Array.of(1, NaN, 1), axis: 1 })],
  ['an infinite scale', 'scale[0]', () => quantizeLinear(x, 'int8', { scale: Float32Array.of(Infinity) })],
  ['a negative scale', 'scale[0]', () => quantizeLinear(x, 'int8', { scale: Float32Array.of(-1) })],
  ['a uint8 zero point of 256', 'zeroPoint[0]', () => quantizeLinear(x, 'uint8', { scale: one, zeroPoint: Int32Array.of(256) })],
  ['an int8 zero point of -129', 'zeroPoint[0]', () => quantizeLinear(x, 'int8', { scale: one, zeroPoint: Int32Array.of(-129) })],
  ['an int4 zero point of 8', 'zeroPoint[0]', () => quantizeLinear(x, 'int4', { scale: one, zeroPoint: Int32Array.of(8) })],
  ['an output of the wrong type', 'out', () => quantizeLinear(x, 'int8', { scale: one }, { out: new Uint8Array(24) })],
  ['an output of the wrong length', 'out', () => quantizeLinear(x, 'int4', { scale: one }, { out: new Uint8Array(24) })],
  ['an output that overlaps x', 'out', () => quantizeLinear(x, 'uint8', { scale: one }, { out: new Uint8Array(x.data.buffer, 8, 24) })],
  ['a uint4 zero point of 16', 'zeroPoint[2]', () => quantizeLinear(x, 'uint4', { scale: Float32Array.of(1, 1, 1), zeroPoint: Int32Array.of(0, 1, 16), axis: 1 })],
  ['zero points of the wrong length', 'zeroPoint', () => quantizeLinear(x, 'int8', { scale: one, zeroPoint: Int32Array.of(0, 0) })],
  ['0 threads', 'threads', () => quantizeLinear(x, 'int8', { scale: one }, { threads: 0 })],
  ['65 threads', 'threads', () => quantizeLinear(x, 'int8', { scale: one }, { threads: 65 })],
  ['int8 data in a Uint8Array', 'q.data', () => dequantizeLinear({ type: 'int8', data: new Uint8Array(24), shape: [2, 3, 4] }, { scale: one })],
  ['int4 data of the wrong byte count', 'q.data', () => dequantizeLinear({ type: 'int4', data: new Uint8Array(24), shape: [2, 3, 4] }, { scale: one })],
  ['dequantizing with a zero scale', 'scale[0]', () => dequantizeLinear({ type: 'uint8', data: new Uint8Array(24), shape: [2, 3, 4] }, { scale: Float32Array.of(0) })],
  ['quantizeTensor without a type', 'type', () => quantizeTensor(x, {} as never)],
  ['computeQuantParams with min > max', 'min', async () => computeQuantParams(2, 1, { type: 'int8' })],
  ['computeQuantParams with NaN', 'max', async () => computeQuantParams(0, NaN, { type: 'uint8' })],
];

describe('quantization argument errors', () => {
  it.each(invalid)('rejects %s with INVALID_ARGUMENT naming %s', async (_what, argument, call) => {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument } });
    expect((error as Error).message).toContain(argument.replace(/\[\d+\]$/, ''));
  });

  it('refuses tensors above the element cap with RESOURCE_EXHAUSTED before touching their data', async () => {
    await expect(quantizeLinear({ data: new Float32Array(1), shape: [1 << 15, 1 << 14] }, 'int8', { scale: one })).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      details: { argument: 'x.shape', cap: 2 ** 28 },
    });
    await expect(quantizeLinear(x, 'int8', { scale: one }, { maxElements: 10 })).rejects.toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
    await expect(quantizeLinear(x, 'int8', { scale: one }, { maxElements: 24 })).resolves.toMatchObject({ shape: [2, 3, 4] });
  });

  it('rejects an already aborted call with CANCELLED', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(quantizeLinear(x, 'int8', { scale: one }, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
