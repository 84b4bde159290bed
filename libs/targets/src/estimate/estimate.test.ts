import { ErrorCode } from '@edgepress/errors';
import type { LayerCost } from '@edgepress/onnx';
import fc from 'fast-check';
import { computeLayer, layer, summaryOf } from '../../test/summary-fixtures';
import { getTarget, listTargets } from '../catalog/catalog';
import { defineTarget } from '../define-target';
import { DEFAULT_ROOFLINE_EFFICIENCY } from './roofline-efficiency';
import { estimate } from './estimate';

/** Round figures so that every expected number below can be checked by hand. */
const bench = defineTarget({
  id: 'bench-cpu',
  kind: 'cpu',
  name: 'Bench CPU',
  vendor: 'Test',
  description: 'Round numbers for hand-computed roofline checks.',
  architecture: 'arm64',
  cores: 1,
  clockHz: 1e9,
  isaFeatures: ['neon', 'dotprod'],
  precisions: ['fp32', 'int8'],
  peakMacsPerSecond: { fp32: 1e9, int8: 4e9 },
  memory: { ramBytes: 2 ** 30, bandwidthBytesPerSecond: 1e9 },
  sparsity: { structured: [], unstructured: null },
  power: { activeWatts: 2, idleWatts: 0.5 },
  fallback: { macsPerSecond: 1e8, description: 'scalar code' },
  rooflineEfficiency: { compute: 0.5, memory: 0.5 },
  sources: [{ title: 'hand-made test target' }],
});

describe('estimate', () => {
  it('matches a hand-computed roofline for one compute-bound and one memory-bound layer', () => {
    // Conv: 1e8 MACs / (1e9 x 0.5) = 200 ms of math; (1e5 + 9e5) B / (1e9 x 0.5) = 2 ms of memory.
    // Gemm: 1e6 MACs / 0.5e9 = 2 ms of math; (4e7 + 0) B / 0.5e9 = 80 ms of memory.
    const summary = summaryOf([computeLayer('Conv', 1e8, 1e5, 9e5), computeLayer('Gemm', 1e6, 4e7, 0)]);
    const result = estimate(summary, bench);
    expect(result.kind).toBe('roofline-estimate');
    expect(result.complete).toBe(true);
    expect(result.computeBoundLayers).toBe(1);
    expect(result.memoryBoundLayers).toBe(1);
    const [conv, gemm] = result.perLayer;
    expect(conv).toMatchObject({ bound: 'compute', path: 'native', executedAs: 'fp32', bytesMoved: 1e6 });
    expect(conv?.computeMs).toBeCloseTo(200, 9);
    expect(conv?.memoryMs).toBeCloseTo(2, 9);
    expect(gemm).toMatchObject({ bound: 'memory' });
    expect(gemm?.computeMs).toBeCloseTo(2, 9);
    expect(gemm?.memoryMs).toBeCloseTo(80, 9);
    expect(result.latencyMs).toBeCloseTo(280, 9);
    expect(result.energyMj).toBeCloseTo(560, 9); // 280 ms x 2 W
    expect(result.assumptions[0]).toMatch(/not a measurement/);
    expect(result.assumptions.join(' ')).toMatch(/compute 0.5, memory 0.5/);
  });

  it('uses the peak of the precision the layer runs at, and says how it ran', () => {
    // int8 at 4e9 x 0.5: 1e8 MACs take 50 ms; int4 is unpacked to int8 (same rate); fp16 upcasts to fp32 (200 ms).
    const result = estimate(
      summaryOf([computeLayer('Conv', 1e8, 0, 0, 'int8'), computeLayer('MatMul', 1e8, 0, 0, 'int4'), computeLayer('MatMul', 1e8, 0, 0, 'fp16')]),
      bench,
    );
    expect(result.perLayer.map((entry) => [entry.path, entry.executedAs])).toEqual([
      ['native', 'int8'],
      ['converted', 'int8'],
      ['converted', 'fp32'],
    ]);
    expect(result.perLayer.map((entry) => entry.latencyMs)).toEqual([50, 50, 200].map((ms) => expect.closeTo(ms, 9)));
    expect(result.assumptions.join(' ')).toMatch(/int4 unpacked to int8.*fp16 upcast to fp32/);
  });

  it('sends fp32 layers on the Edge TPU to the host CPU fallback', () => {
    const tpu = getTarget('coral-edge-tpu');
    const result = estimate(summaryOf([computeLayer('Conv', 1e9, 0, 0, 'fp32')]), tpu);
    const expectedMs = (1e9 / (tpu.fallback.macsPerSecond * DEFAULT_ROOFLINE_EFFICIENCY.npu.compute)) * 1000;
    expect(result.perLayer[0]).toMatchObject({ path: 'fallback', executedAs: null });
    expect(result.latencyMs).toBeCloseTo(expectedMs, 6);
    expect(result.assumptions.join(' ')).toMatch(/fallback path: host CPU/);
  });

  it('reports layers with unknown shapes as not estimated and the total as incomplete', () => {
    const result = estimate(summaryOf([computeLayer('Conv', 1e8, 1e5, 9e5), computeLayer('MatMul', null, 1e6, null)]), bench);
    expect(result.complete).toBe(false);
    expect(result.perLayer).toHaveLength(1);
    expect(result.notEstimated).toEqual([expect.objectContaining({ opType: 'MatMul', reason: expect.stringMatching(/MACs unknown/) })]);
    expect(result.latencyMs).toBeCloseTo(200, 9);
    expect(result.assumptions.join(' ')).toMatch(/1 layer was not estimated.*lower bound/);
    const noActivations = estimate(summaryOf([computeLayer('Relu', 0, 0, null)]), bench);
    expect(noActivations.notEstimated[0]?.reason).toMatch(/activation bytes unknown/);
  });

  it('reads MCU weights from flash and activations from SRAM at their own bandwidths', () => {
    const stm32 = getTarget('stm32h7');
    if (stm32.kind !== 'mcu') throw new Error('expected an MCU');
    const memory = DEFAULT_ROOFLINE_EFFICIENCY.mcu.memory;
    const result = estimate(summaryOf([computeLayer('Gemm', 1, 1e6, 2e5, 'int8')]), stm32);
    const expectedMs = (1e6 / (stm32.flash.readBandwidthBytesPerSecond * memory) + 2e5 / (stm32.memory.bandwidthBytesPerSecond * memory)) * 1000;
    expect(result.perLayer[0]?.memoryMs).toBeCloseTo(expectedMs, 9);
  });

  it('moves activations to PSRAM speed when they do not fit the ESP32-S3 SRAM', () => {
    const esp = getTarget('esp32-s3');
    if (esp.kind !== 'mcu' || esp.externalRam === null) throw new Error('expected an MCU with PSRAM');
    const memory = DEFAULT_ROOFLINE_EFFICIENCY.mcu.memory;
    const result = estimate(summaryOf([computeLayer('Conv', 1, 0, 2 ** 20, 'int8')]), esp);
    expect(result.perLayer[0]?.memoryMs).toBeCloseTo((2 ** 20 / (esp.externalRam.bandwidthBytesPerSecond * memory)) * 1000, 9);
  });

  it('charges Edge TPU weights beyond the on-chip cache at USB speed', () => {
    const tpu = getTarget('coral-edge-tpu');
    if (tpu.kind !== 'npu' || tpu.offChipWeightStreaming === null) throw new Error('expected the Edge TPU');
    const memory = DEFAULT_ROOFLINE_EFFICIENCY.npu.memory;
    const weights = 12 * 2 ** 20; // 4 MiB over the 8 MiB cache
    const result = estimate(summaryOf([computeLayer('Conv', 1, weights, 0, 'int8')]), tpu);
    const expectedMs =
      (8 * 2 ** 20 / (tpu.memory.bandwidthBytesPerSecond * memory) + (4 * 2 ** 20) / (tpu.offChipWeightStreaming.bandwidthBytesPerSecond * memory)) * 1000;
    expect(result.perLayer[0]?.memoryMs).toBeCloseTo(expectedMs, 9);
    expect(result.assumptions.join(' ')).toMatch(/stream over USB 3.0/);
  });

  it('computes the Raspberry Pi 4 figure from its spec sheet: 1 GMAC of fp32 takes 1e9 / (24 GMAC/s x 0.5)', () => {
    const result = estimate(summaryOf([computeLayer('Conv', 1e9, 0, 0, 'fp32')]), getTarget('raspberry-pi-4'));
    expect(result.latencyMs).toBeCloseTo((1e9 / (4 * 1.5e9 * 4 * 0.5)) * 1000, 9);
    expect(result.energyMj).toBeCloseTo(result.latencyMs * 6.4, 9);
  });

  it('charges nothing for Constant, Identity and Dropout nodes', () => {
    const plain = estimate(summaryOf([computeLayer('Conv', 1e8, 1e5, 9e5)]), bench);
    const withFolded = estimate(
      summaryOf([layer('Constant', { weightBytes: 1e5, activationBytes: 1e5 }), computeLayer('Conv', 1e8, 1e5, 9e5), layer('Identity', { activationBytes: 9e5 })]),
      bench,
    );
    expect(withFolded.latencyMs).toBe(plain.latencyMs);
    expect(withFolded.perLayer.map((entry) => entry.opType)).toEqual(['Conv']);
  });

  it('rejects a malformed summary', () => {
    const broken = summaryOf([computeLayer('Conv', 1, 1, 1)]);
    (broken.layers[0] as { weightBytes: number }).weightBytes = Number.POSITIVE_INFINITY;
    expect(() => estimate(broken, bench)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});

describe('estimate: monotonicity', () => {
  const targets = listTargets();
  const arbitraryLayer = fc
    .record({
      macs: fc.integer({ min: 0, max: 5e9 }),
      weightBytes: fc.integer({ min: 0, max: 5e7 }),
      activationBytes: fc.integer({ min: 0, max: 5e7 }),
      opType: fc.constantFrom('Conv', 'Gemm', 'MatMul', 'Relu'),
    })
    .map(({ macs, weightBytes, activationBytes, opType }) => computeLayer(opType, macs, weightBytes, activationBytes, 'fp32'));
  const arbitraryModel = fc.array(arbitraryLayer, { minLength: 1, maxLength: 6 });
  const arbitraryTarget = fc.constantFrom(...targets);

  it('never gets faster with more MACs or more bytes', () => {
    fc.assert(
      fc.property(arbitraryModel, arbitraryTarget, fc.nat({ max: 4 }), fc.integer({ min: 1, max: 1e9 }), (layers, target, pick, extra) => {
        const index = pick % layers.length;
        const base = estimate(summaryOf(layers), target).latencyMs;
        const grow = (change: Partial<LayerCost>) => layers.map((entry, i) => (i === index ? { ...entry, ...change } : entry));
        const original = layers[index] as LayerCost;
        const moreMacs = estimate(summaryOf(grow({ macs: (original.macs ?? 0) + extra })), target).latencyMs;
        const moreBytes = estimate(summaryOf(grow({ weightBytes: original.weightBytes + extra })), target).latencyMs;
        return moreMacs >= base && moreBytes >= base;
      }),
      { numRuns: 200 },
    );
  });

  it('runs an int8 model no slower than its fp32 twin on every target with an int8 peak, and faster when compute-bound', () => {
    const withInt8 = targets.filter((target) => target.peakMacsPerSecond.int8 !== undefined);
    fc.assert(
      fc.property(arbitraryModel, fc.constantFrom(...withInt8), (layers, target) => {
        const fp32 = estimate(summaryOf(layers), target);
        const int8Layers = layers.map((entry) => ({ ...entry, precision: 'int8' as const, weightBytes: Math.ceil(entry.weightBytes / 4) }));
        const int8 = estimate(summaryOf(int8Layers), target);
        if (int8.latencyMs > fp32.latencyMs * (1 + 1e-12)) return false;
        const int8Faster = (target.peakMacsPerSecond.int8 ?? 0) > (target.peakMacsPerSecond.fp32 ?? Infinity);
        const computeBound = fp32.perLayer.some((entry, i) => entry.bound === 'compute' && entry.macs > 0 && int8.perLayer[i]?.bound === 'compute');
        return !(int8Faster && computeBound && fp32.latencyMs > 0) || int8.latencyMs < fp32.latencyMs;
      }),
      { numRuns: 200 },
    );
  });

  it('keeps energy proportional to latency on every catalog target', () => {
    const summary = summaryOf([computeLayer('Conv', 3e8, 2e6, 4e6), layer('Relu', { activationBytes: 4e6 })]);
    for (const target of targets) {
      const result = estimate(summary, target);
      expect(result.latencyMs).toBeGreaterThan(0);
      expect(result.energyMj).toBeCloseTo(result.latencyMs * target.power.activeWatts, 9);
    }
  });
});
