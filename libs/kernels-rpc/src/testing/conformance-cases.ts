/**
 * One call of every KernelService operator (and a calibration session), with inputs that make
 * tensors of a few KiB: the conformance cases that remote-conformance.test.ts (streamed) and
 * shared-memory.test.ts (same-host shared memory) run against the in-process kernels.
 */
import type { KernelService } from '../kernel-service';
import { randomFloats, randomInts } from './fixtures';

export type ConformanceCase = [string, (k: KernelService) => Promise<unknown>];

const x = { data: randomFloats(64 * 50, 1, 3), shape: [64, 50] };
const scale = Float32Array.from({ length: 64 }, (_, i) => 0.01 + i * 0.001);
const zeroPoint = randomInts(Int32Array, 64, -5, 5, 2);
const a8 = { data: randomInts(Uint8Array, 9 * 70, 0, 255, 3), shape: [9, 70] };
const b8 = { data: randomInts(Int8Array, 70 * 33, -128, 127, 4), shape: [70, 33] };
const dense = { data: randomFloats(40 * 30, 5).map((v) => (Math.abs(v) < 0.7 ? 0 : v)), shape: [40, 30] };

export const CONFORMANCE_CASES: ConformanceCase[] = [
  ['quantizeLinear per axis int8', (k) => k.quantizeLinear(x, 'int8', { scale, zeroPoint, axis: 0 })],
  ['quantizeLinear block-wise int4', (k) => k.quantizeLinear(x, 'int4', { scale: new Float32Array(64 * 2).fill(0.05), axis: 1, blockSize: 32 })],
  [
    'quantizeLinear into a caller-provided output',
    async (k) => {
      const out = new Int8Array(64 * 50);
      const y = await k.quantizeLinear(x, 'int8', { scale, axis: 0 }, { out });
      return { same: y.data === out, y };
    },
  ],
  ['quantizeLinear reduceRange uint8', (k) => k.quantizeLinear(x, 'uint8', { scale: new Float32Array([0.02]), zeroPoint: new Int32Array([128]) }, { reduceRange: true })],
  ['dequantizeLinear uint4', async (k) => k.dequantizeLinear({ type: 'uint4', data: randomInts(Uint8Array, 75, 0, 255, 6), shape: [3, 50] }, { scale: new Float32Array([0.5, 0.25, 2]), axis: 0 })],
  ['tensorMinMax per axis', (k) => k.tensorMinMax(x, { axis: 1 })],
  ['tensorMinMax per tensor', (k) => k.tensorMinMax(x)],
  ['quantizeTensor symmetric int8 per channel', (k) => k.quantizeTensor(x, { type: 'int8', symmetric: true, axis: 0 })],
  ['packInt8Weights', (k) => k.packInt8Weights(b8)],
  ['matmulInteger', (k) => k.matmulInteger(a8, b8, { aZeroPoint: 3, bZeroPoint: randomInts(Int32Array, 33, -4, 4, 7) })],
  ['matmulInteger with packed weights', async (k) => k.matmulInteger(a8, await k.packInt8Weights(b8), { kernel: 'portable' })],
  ['matmulIntegerToFloat', (k) => k.matmulIntegerToFloat(a8, b8, { aScale: 0.02, bScale: new Float32Array(33).fill(0.003), bias: randomFloats(33, 8) })],
  ['qlinearMatmul', (k) => k.qlinearMatmul(a8, b8, { aScale: 0.02, bScale: 0.01, yScale: 0.5, yZeroPoint: 10, yType: 'uint8' })],
  ['dynamicQuantizeMatmul', (k) => k.dynamicQuantizeMatmul({ data: randomFloats(9 * 70, 9), shape: [9, 70] }, b8, { bScale: 0.01, bZeroPoint: 2 })],
  ['magnitudeThreshold', (k) => k.magnitudeThreshold([x, dense], 0.6)],
  ['applyMagnitudeMask', async (k) => k.applyMagnitudeMask([x, dense], await k.magnitudeThreshold([x, dense], 0.3))],
  ['pruneByMagnitude per tensor', (k) => k.pruneByMagnitude([x, dense], 0.5, { scope: 'per-tensor' })],
  ['nmMask 2:4 on axis 0', (k) => k.nmMask(x, { n: 2, m: 4, axis: 0 })],
  ['channelImportance l2 axis 1', (k) => k.channelImportance(x, { axis: 1, norm: 'l2' })],
  ['packCsr / unpackCsr', async (k) => k.unpackCsr(await k.packCsr(dense))],
  ['packCsc / unpackCsc', async (k) => [await k.packCsc(dense), await k.unpackCsc(await k.packCsc(dense))]],
  ['csrMatmul', async (k) => k.csrMatmul(await k.packCsr(dense), { data: randomFloats(30 * 7, 10), shape: [30, 7] })],
  ['matmulDenseCsc', async (k) => k.matmulDenseCsc({ data: randomFloats(5 * 40, 11), shape: [5, 40] }, await k.packCsc(dense))],
  ['quantizeBinary per axis', (k) => k.quantizeBinary(x, { axis: 0 })],
  ['quantizeTernary with thresholds', (k) => k.quantizeTernary(x, { axis: 1, thresholdRatio: 0.5 })],
  ['dequantizeSigned', async (k) => k.dequantizeSigned(await k.quantizeTernary(x, { axis: 0 }))],
  ['quantizeInt4Weights asymmetric', (k) => k.quantizeInt4Weights({ data: randomFloats(70 * 24, 13), shape: [70, 24] }, { blockSize: 32 })],
  ['matmulNBits', async (k) => k.matmulNBits({ data: randomFloats(5 * 70, 14), shape: [5, 70] }, await k.quantizeInt4Weights({ data: randomFloats(70 * 24, 13), shape: [70, 24] }, { symmetric: true }), { bias: randomFloats(24, 15) })],
  [
    'csrMatmul into a caller-provided output',
    async (k) => {
      const out = new Float32Array(40 * 7);
      const y = await k.csrMatmul(await k.packCsr(dense), { data: randomFloats(30 * 7, 10), shape: [30, 7] }, { out });
      return { same: y.data === out, y };
    },
  ],
  ['csrMatmul on the portable kernel', async (k) => k.csrMatmul(await k.packCsr(dense), { data: randomFloats(30 * 7, 10), shape: [30, 7] }, { kernel: 'portable' })],
  ['truncatedSvd by rank', (k) => k.truncatedSvd({ data: randomFloats(40 * 30, 16), shape: [40, 30] }, { rank: 5 }, { seed: 3 })],
  ['lowRankFactors by energy', (k) => k.lowRankFactors({ data: randomFloats(40 * 30, 17), shape: [40, 30] }, { energy: 0.8, maxRank: 20 })],
  ['tucker2Conv', (k) => k.tucker2Conv({ data: randomFloats(8 * 6 * 3 * 3, 18), shape: [8, 6, 3, 3] }, { outRank: 4, inRank: 3 }, { hooiIterations: 1 })],
  [
    'a calibration session (inline and streamed batches, every query)',
    async (k) => {
      const calibrator = await k.createCalibrator({ bins: 256 });
      await calibrator.update(randomFloats(500, 19, 2));
      await calibrator.update({ data: randomFloats(10_000, 20, 5), shape: [100, 100] });
      const answers = [
        await calibrator.range({ method: 'entropy' }),
        await calibrator.range({ method: 'minmax', symmetric: true }),
        await calibrator.quantParams({ method: 'percentile', type: 'int8', percentile: 99.9 }),
        await calibrator.quantParams({ method: 'mse', type: 'uint4', reduceRange: true }),
        await calibrator.histogram(),
        await calibrator.stats(),
      ];
      await calibrator.close();
      return answers;
    },
  ],
  ['kmeansCluster', (k) => k.kmeansCluster(x, 16, { seed: 7, maxIterations: 50 })],
  ['huffmanCode', (k) => k.huffmanCode(randomInts(Uint8Array, 10_000, 0, 20, 12))],
  ['huffmanCode of an empty stream', (k) => k.huffmanCode(new Uint8Array(0))],
];
