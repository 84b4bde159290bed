import { getTarget, listTargets, quantizationRequirements } from '@edgepress/targets';
import { measurePlainData } from '../wire/plain-data';
import { toPluginTarget } from './plugin-target';

describe('toPluginTarget', () => {
  it('derives plain, frozen, copyable targets for the whole catalog', () => {
    for (const target of listTargets()) {
      const plugin = toPluginTarget(target);
      expect(plugin).toMatchObject({ id: target.id, name: target.name, kind: target.kind, vendor: target.vendor, precisions: [...target.precisions] });
      expect(Object.isFrozen(plugin) && Object.isFrozen(plugin.quantization) && Object.isFrozen(plugin.features)).toBe(true);
      expect(structuredClone(plugin)).toEqual(plugin);
      expect(measurePlainData(plugin, 1024 * 1024)).toBeGreaterThan(0);
      const requirements = quantizationRequirements(target);
      expect(plugin.quantization).toEqual({
        perTensorOnly: requirements.perTensorOnly,
        reduceRange: requirements.reduceRange,
        staticShapes: requirements.staticShapes,
        symmetricWeights: requirements.symmetricWeights,
        allowedPrecisions: [...requirements.allowedPrecisions],
      });
    }
  });

  it('carries the facts plugins decide on', () => {
    expect(toPluginTarget(getTarget('xeon-e5-2690-v4'))).toMatchObject({ quantization: { reduceRange: true }, supportedOps: null, features: expect.arrayContaining(['avx2']) });
    expect(toPluginTarget(getTarget('xeon-platinum-8280')).quantization.reduceRange).toBe(false);
    const coral = toPluginTarget(getTarget('coral-edge-tpu'));
    expect(coral).toMatchObject({ kind: 'npu', precisions: ['int8'], quantization: { perTensorOnly: true, staticShapes: true } });
    expect(coral.supportedOps).toContain('Conv');
    const stm32 = toPluginTarget(getTarget('stm32h7'));
    expect(stm32.memory).toEqual({ ramBytes: 1024 * 1024, flashBytes: 2 * 1024 * 1024 });
    expect(stm32.features).toEqual(['dsp', 'cmsis-nn']);
    expect(stm32.quantization.symmetricWeights).toBe(true);
    const orin = toPluginTarget(getTarget('jetson-agx-orin'));
    expect(orin.sparsity.structured).toEqual([{ n: 2, m: 4 }]);
    expect(orin.features).toEqual(['tensor-cores', 'sparse-tensor-cores']);
  });
});
