import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { defineTarget } from '../define-target';
import { TARGET_ID_PATTERN } from '../schema/fields';
import { getTarget, listTargets } from './catalog';

const REQUIRED_IDS = [
  'raspberry-pi-4',
  'raspberry-pi-5',
  'snapdragon-8-gen-2-cortex-x3',
  'xeon-e5-2690-v4',
  'xeon-platinum-8280',
  'jetson-orin-nano',
  'coral-edge-tpu',
  'snapdragon-x-elite-hexagon',
  'apple-neural-engine',
  'stm32h7',
  'esp32-s3',
  'nrf52840',
];

/** Vendor TOPS (two ops per MAC) of a MAC/s figure. */
const topsOf = (macsPerSecond: number | undefined) => ((macsPerSecond ?? NaN) * 2) / 1e12;

describe('the target catalog', () => {
  it('holds at least 12 targets of every kind, with unique kebab-case ids', () => {
    const targets = listTargets();
    expect(targets.length).toBeGreaterThanOrEqual(12);
    const ids = targets.map((target) => target.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(TARGET_ID_PATTERN);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED_IDS));
    expect(new Set(targets.map((target) => target.kind))).toEqual(new Set(['cpu', 'gpu', 'npu', 'mcu']));
  });

  it.each(listTargets().map((target) => [target.id, target] as const))('%s validates again and names its sources', (_id, target) => {
    expect(defineTarget(structuredClone(target))).toEqual(target);
    expect(target.sources.length).toBeGreaterThan(0);
    for (const source of target.sources) {
      expect(source.title.length).toBeGreaterThan(10);
      if (source.url !== undefined) expect(source.url).toMatch(/^https:\/\//);
    }
    expect(Object.isFrozen(target)).toBe(true);
  });

  it.each(listTargets().map((target) => [target.id, target] as const))(
    '%s never has a lower-precision peak below its fp32 peak (hardware never slows down narrower math)',
    (_id, target) => {
      const peaks = target.peakMacsPerSecond;
      if (peaks.fp32 !== undefined) {
        for (const precision of ['fp16', 'bf16', 'int8', 'int4'] as const) {
          if (peaks[precision] !== undefined) expect(peaks[precision]).toBeGreaterThanOrEqual(peaks.fp32);
        }
      }
    },
  );

  it('derives tensor-core peaks that agree with NVIDIA sparse INT8 TOPS and FP32 TFLOPS figures', () => {
    // Data sheets: Orin Nano 8GB 40 sparse INT8 TOPS; AGX Orin 64GB GPU 170 sparse INT8 TOPS, 5.3 FP32 TFLOPS.
    expect(topsOf(getTarget('jetson-orin-nano').peakMacsPerSecond.int8) * 2).toBeCloseTo(40, -1);
    expect(topsOf(getTarget('jetson-agx-orin').peakMacsPerSecond.int8) * 2).toBeCloseTo(170, -1);
    expect(topsOf(getTarget('jetson-agx-orin').peakMacsPerSecond.fp32)).toBeCloseTo(5.3, 1);
  });

  it('keeps vendor TOPS figures for NPUs', () => {
    expect(topsOf(getTarget('coral-edge-tpu').peakMacsPerSecond.int8)).toBeCloseTo(4, 6);
    expect(topsOf(getTarget('apple-neural-engine').peakMacsPerSecond.fp16)).toBeCloseTo(17, 6);
    expect(topsOf(getTarget('snapdragon-x-elite-hexagon').peakMacsPerSecond.int8)).toBeCloseTo(45, 6);
  });

  it('describes the microcontrollers of the brief with their flash and SRAM', () => {
    const stm32 = getTarget('stm32h7');
    const esp32 = getTarget('esp32-s3');
    const nrf = getTarget('nrf52840');
    if (stm32.kind !== 'mcu' || esp32.kind !== 'mcu' || nrf.kind !== 'mcu') throw new Error('expected MCU targets');
    expect([stm32.clockHz, stm32.flash.bytes, stm32.memory.ramBytes]).toEqual([480e6, 2 * 2 ** 20, 2 ** 20]);
    expect([nrf.clockHz, nrf.flash.bytes, nrf.memory.ramBytes]).toEqual([64e6, 2 ** 20, 256 * 2 ** 10]);
    expect(esp32.externalRam?.bytes).toBe(8 * 2 ** 20);
    for (const mcu of [stm32, esp32, nrf]) {
      expect(mcu.staticShapesRequired).toBe(true);
      expect(mcu.quantization.symmetricWeights).toBe(true);
      for (const op of ['Conv', 'Gemm', 'Softmax']) expect(mcu.kernels.optimizedOps).toContain(op);
    }
  });

  it('encodes the Edge TPU restrictions', () => {
    const tpu = getTarget('coral-edge-tpu');
    if (tpu.kind !== 'npu') throw new Error('expected an NPU');
    expect(tpu.precisions).toEqual(['int8']);
    expect(tpu.quantization.perTensorOnly).toBe(true);
    expect(tpu.staticShapesRequired).toBe(true);
    expect(tpu.supportedOps).toContain('Conv');
    expect(tpu.supportedOps).not.toContain('LayerNormalization');
  });

  it('distinguishes the AVX2 server from the VNNI server by ISA', () => {
    const avx2 = getTarget('xeon-e5-2690-v4');
    const vnni = getTarget('xeon-platinum-8280');
    if (avx2.kind !== 'cpu' || vnni.kind !== 'cpu') throw new Error('expected CPU targets');
    expect(avx2.isaFeatures).toContain('avx2');
    expect(avx2.isaFeatures).not.toContain('avx512-vnni');
    expect(vnni.isaFeatures).toContain('avx512-vnni');
  });

  it('gets a target by id and answers NOT_FOUND with the known ids for an unknown one', () => {
    expect(getTarget('raspberry-pi-4').name).toMatch(/Raspberry Pi 4/);
    let caught: unknown;
    try {
      getTarget('raspberry-pi-3');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EdgepressError);
    expect((caught as EdgepressError).code).toBe(ErrorCode.NOT_FOUND);
    expect((caught as EdgepressError).message).toMatch(/"raspberry-pi-3".*raspberry-pi-4/);
  });

  it('answers NOT_FOUND for non-string ids and caps a huge id in the message', () => {
    expect(() => getTarget(undefined as unknown as string)).toThrow(/Unknown hardware target undefined/);
    const error = (() => {
      try {
        getTarget('x'.repeat(10_000));
      } catch (caught) {
        return caught as EdgepressError;
      }
      throw new Error('expected NOT_FOUND');
    })();
    expect(error.message.length).toBeLessThan(1000);
  });
});
