import { getTarget, listTargets } from './catalog/catalog';
import { defineTarget } from './define-target';
import { quantizationRequirements } from './quantization-requirements';

/** Plain reference of the VPMADDUBSW step: two u8 x s8 products added into a saturating int16. */
function vpmaddubswPair(a0: number, w0: number, a1: number, w1: number): number {
  return Math.max(-32768, Math.min(32767, a0 * w0 + a1 * w1));
}

describe('quantizationRequirements', () => {
  it('requires reduce_range on the AVX2 server without VNNI and not on the VNNI server', () => {
    expect(quantizationRequirements(getTarget('xeon-e5-2690-v4')).reduceRange).toBe(true);
    expect(quantizationRequirements(getTarget('xeon-platinum-8280')).reduceRange).toBe(false);
  });

  it('matches the saturation it guards against: 8-bit weights overflow int16 pairs, 7-bit weights do not', () => {
    const exact8 = 255 * 127 + 255 * 127;
    expect(vpmaddubswPair(255, 127, 255, 127)).not.toBe(exact8);
    expect(vpmaddubswPair(255, 63, 255, 63)).toBe(255 * 63 * 2);
    expect(vpmaddubswPair(255, -64, 255, -64)).toBe(-255 * 64 * 2);
  });

  it('never requires reduce_range on ARM, GPUs, NPUs or MCUs', () => {
    for (const target of listTargets()) {
      if (target.kind !== 'cpu' || target.architecture !== 'x86_64') {
        expect(quantizationRequirements(target).reduceRange).toBe(false);
      }
    }
  });

  it('accepts AVX-VNNI and AMX as VNNI-class features on a team-defined x86 target', () => {
    const base = structuredClone(getTarget('xeon-e5-2690-v4')) as unknown as Record<string, unknown>;
    const withAvxVnni = defineTarget({ ...base, id: 'team-alder-lake', isaFeatures: ['avx2', 'fma', 'avx-vnni'] });
    expect(quantizationRequirements(withAvxVnni).reduceRange).toBe(false);
  });

  it('asks for per-tensor int8, static shapes and full quantization on the Edge TPU', () => {
    expect(quantizationRequirements(getTarget('coral-edge-tpu'))).toMatchObject({
      perTensorOnly: true,
      staticShapes: true,
      requiresQuantization: true,
      allowedPrecisions: ['int8'],
      reduceRange: false,
    });
  });

  it('asks for symmetric weights and static shapes on CMSIS-NN microcontrollers', () => {
    expect(quantizationRequirements(getTarget('stm32h7'))).toMatchObject({ symmetricWeights: true, staticShapes: true, requiresQuantization: false });
  });

  it('reports the 2:4 sparsity of the Orin tensor cores and none on the Raspberry Pi', () => {
    const orin = quantizationRequirements(getTarget('jetson-orin-nano')).sparsity;
    expect(orin.structured).toEqual([expect.objectContaining({ n: 2, m: 4, speedup: 2 })]);
    expect(quantizationRequirements(getTarget('raspberry-pi-4')).sparsity).toEqual({ structured: [], unstructured: false });
  });
});
