import { dynamicQuantizeMatmul, matmulInteger, matmulIntegerToFloat, qlinearMatmul } from './gemm-int8';
import { packInt8Weights, type PackedInt8Weights } from './gemm-int8-weights';

const a = { data: new Uint8Array(6), shape: [2, 3] };
const b = { data: new Int8Array(12), shape: [3, 4] };
const scales = { aScale: 0.1, bScale: 0.2 };

type Call = () => Promise<unknown>;

const invalid: [string, string, Call][] = [
  ['float activations in matmulInteger', 'a.data', () => matmulInteger({ data: new Float32Array(6) as never, shape: [2, 3] }, b)],
  ['int8 activations in dynamicQuantizeMatmul', 'a.data', () => dynamicQuantizeMatmul({ data: new Int8Array(6) as never, shape: [2, 3] }, b, { bScale: 1 })],
  ['uint8 weights', 'b.data', () => matmulInteger(a, { data: new Uint8Array(12) as never, shape: [3, 4] })],
  ['weights that are not a matrix', 'b.shape', () => matmulInteger(a, { data: new Int8Array(12), shape: [12] })],
  ['weights with the wrong inner dimension', 'b', () => matmulInteger(a, { data: new Int8Array(8), shape: [2, 4] })],
  ['a uint8 aZeroPoint of 256', 'aZeroPoint', () => matmulInteger(a, b, { aZeroPoint: 256 })],
  ['an int8 aZeroPoint of -129', 'aZeroPoint', () => matmulInteger({ data: new Int8Array(6), shape: [2, 3] }, b, { aZeroPoint: -129 })],
  ['a bZeroPoint of 128', 'bZeroPoint', () => matmulInteger(a, b, { bZeroPoint: 128 })],
  ['per-column zero points of the wrong length', 'bZeroPoint', () => matmulInteger(a, b, { bZeroPoint: new Int32Array(3) })],
  ['a per-column zero point out of range', 'bZeroPoint[2]', () => matmulInteger(a, b, { bZeroPoint: Int32Array.of(0, 0, -200, 0) })],
  ['a zero aScale', 'aScale', () => matmulIntegerToFloat(a, b, { ...scales, aScale: 0 })],
  ['a NaN aScale', 'aScale', () => matmulIntegerToFloat(a, b, { ...scales, aScale: NaN })],
  ['an infinite yScale', 'yScale', () => qlinearMatmul(a, b, { ...scales, yScale: Infinity, yType: 'uint8' })],
  ['a negative bScale', 'bScale', () => matmulIntegerToFloat(a, b, { ...scales, bScale: -1 })],
  ['a zero per-column bScale', 'bScale[3]', () => dynamicQuantizeMatmul({ data: new Float32Array(6), shape: [2, 3] }, b, { bScale: Float32Array.of(1, 1, 1, 0) })],
  ['per-column scales of the wrong length', 'bScale', () => matmulIntegerToFloat(a, b, { ...scales, bScale: new Float32Array(3).fill(1) })],
  ['an unknown output type', 'yType', () => qlinearMatmul(a, b, { ...scales, yScale: 1, yType: 'int16' as never })],
  ['a yZeroPoint outside int8', 'yZeroPoint', () => qlinearMatmul(a, b, { ...scales, yScale: 1, yType: 'int8', yZeroPoint: 200 })],
  ['a bias of the wrong length', 'bias', () => matmulIntegerToFloat(a, b, { ...scales, bias: new Float32Array(3) })],
  ['a NaN bias', 'bias[1]', () => dynamicQuantizeMatmul({ data: new Float32Array(6), shape: [2, 3] }, b, { bScale: 1, bias: Float32Array.of(0, NaN, 0, 0) })],
  ['an unknown kernel', 'kernel', () => matmulInteger(a, b, { kernel: 'vnni' as never })],
  ['0 threads', 'threads', () => matmulInteger(a, b, { threads: 0 })],
  ['65 threads', 'threads', () => matmulInteger(a, b, { threads: 65 })],
];

describe('int8 GEMM argument errors', () => {
  it.each(invalid)('rejects %s with INVALID_ARGUMENT naming %s', async (_what, argument, call) => {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument } });
    expect((error as Error).message).toContain(argument.replace(/\[\d+\]$/, ''));
  });

  it('rejects packed weights whose bytes were truncated or whose sizes were changed', async () => {
    const packed = await packInt8Weights(b);
    const truncated: PackedInt8Weights = { ...packed, data: packed.data.subarray(1) };
    await expect(matmulInteger(a, truncated)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument: 'b.data' } });
    const resized: PackedInt8Weights = { ...packed, n: 40 };
    await expect(matmulInteger(a, resized)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument: 'b.data' } });
  });

  it('refuses an output above the element cap with RESOURCE_EXHAUSTED', async () => {
    const wide = { data: new Int8Array(1 << 15), shape: [1, 1 << 15] };
    await expect(matmulInteger({ data: new Uint8Array(1 << 14), shape: [1 << 14, 1] }, wide)).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      details: { argument: 'y' },
    });
  });

  it('cancels a long GEMM through an AbortSignal and stays healthy', async () => {
    const size = 1024;
    const big = { data: new Uint8Array(size * size).fill(3), shape: [size, size] };
    const weights = await packInt8Weights({ data: new Int8Array(size * size).fill(-2), shape: [size, size] });
    const controller = new AbortController();
    const started = Date.now();
    const running = matmulInteger(big, weights, { kernel: 'portable', signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(2000);
    const after = await matmulInteger({ data: Uint8Array.of(1, 2, 3), shape: [1, 3] }, { data: Int8Array.of(1, 1, 1), shape: [3, 1] });
    expect(Array.from(after.data)).toEqual([6]);
  });
});
