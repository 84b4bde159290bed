import type { StageContext } from '@edgepress/plugin-sdk';
import { chooseMixedPrecision, measureFidelity } from './mixed-precision';
import { mixedPrecisionParams } from './params';
import type { LayerLevel } from './qdq-writer';

// Only signal and progress are used by chooseMixedPrecision.
const ctx = { signal: { aborted: false, throwIfAborted: () => undefined }, progress: () => undefined } as unknown as StageContext;

/** A model whose cosine loses `cost[layer]` for every int8 layer, plus `interaction` when both a and b are int8. */
function fidelityModel(cost: Record<string, number>, interaction = 0) {
  const calls: Array<ReadonlyMap<string, LayerLevel>> = [];
  const measure = async (levels: ReadonlyMap<string, LayerLevel>) => {
    calls.push(levels);
    const int8 = [...levels].filter(([, level]) => level === 'int8').map(([name]) => name);
    const both = int8.includes('a') && int8.includes('b') ? interaction : 0;
    return 1 - int8.reduce((sum, name) => sum + cost[name], 0) - both;
  };
  return { measure, calls };
}

describe('mixed precision from measured sensitivity', () => {
  const names = ['a', 'b', 'c', 'd', 'e'];
  const cost = { a: 0.004, b: 0.02, c: 0.0005, d: 0.01, e: 0.001 };

  it('keeps everything int8 when the whole model meets the target (one measurement)', async () => {
    const { measure, calls } = fidelityModel(cost);
    const outcome = await chooseMixedPrecision(ctx, names, () => 'fp32', measure, { fidelity: 0.9 });
    expect(calls).toHaveLength(1);
    expect(outcome).toMatchObject({ fallbacks: [], reached: true, evaluations: 1 });
    expect([...outcome.levels.values()].every((level) => level === 'int8')).toBe(true);
  });

  it('measures each layer alone and falls back the most sensitive ones until the target is met', async () => {
    const { measure, calls } = fidelityModel(cost);
    const outcome = await chooseMixedPrecision(ctx, names, (name) => (name === 'b' ? 'weights-int8' : 'fp32'), measure, { fidelity: 0.99 });
    // Alone, each layer costs exactly its cost; d and b together cost 0.03 of the 0.0355 total.
    expect(outcome.sensitivity.get('b')).toBeCloseTo(0.02, 12);
    expect(outcome.fallbacks).toEqual(['b', 'd']);
    expect(outcome.levels.get('b')).toBe('weights-int8');
    expect(outcome.levels.get('d')).toBe('fp32');
    expect(outcome.levels.get('a')).toBe('int8');
    expect(outcome.fidelity).toBeCloseTo(1 - 0.0055, 12);
    expect(outcome.reached).toBe(true);
    // 1 (all int8) + 5 (one per layer) + the search.
    expect(outcome.evaluations).toBe(calls.length);
    expect(calls[1]).toEqual(new Map([['a', 'int8']]));
  });

  it('respects maxLayersFp32 and returns the best measured plan when the target cannot be met', async () => {
    const { measure } = fidelityModel(cost);
    const capped = await chooseMixedPrecision(ctx, names, () => 'fp32', measure, { fidelity: 0.999, maxLayersFp32: 2 });
    expect(capped.fallbacks).toEqual(['b', 'd']);
    expect(capped.reached).toBe(false);
    const none = await chooseMixedPrecision(ctx, names, () => 'fp32', measure, { fidelity: 0.999, maxLayersFp32: 0 });
    expect(none.fallbacks).toEqual([]);
    expect(none.reached).toBe(false);
  });

  it('finds the count by measuring, not by adding sensitivities (interactions between layers)', async () => {
    // a and b interact: alone a costs 0.004, but a and b together cost an extra 0.05.
    const { measure } = fidelityModel(cost, 0.05);
    const outcome = await chooseMixedPrecision(ctx, names, () => 'fp32', measure, { fidelity: 0.99 });
    expect(outcome.fallbacks).toEqual(['b', 'd']);
    expect(outcome.fidelity).toBeGreaterThanOrEqual(0.99);
  });
});

describe('the fidelity a target is set in', () => {
  const evaluated: Array<{ batches?: number }> = [];
  const stage = {
    calibration: { batches: 3 },
    runtime: {
      evaluate: async (options: { batches?: number }) => {
        evaluated.push(options);
        return { cosine: 0.995, sqnrDb: 30, top1Agreement: 0.97 };
      },
    },
  } as unknown as StageContext;

  it('is cosine by default and top-1 agreement on request, over at most the calibration batches', async () => {
    expect(await measureFidelity(stage, mixedPrecisionParams.parse({ enabled: true }))).toBe(0.995);
    expect(await measureFidelity(stage, mixedPrecisionParams.parse({ enabled: true, metric: 'top1Agreement', batches: 8 }))).toBe(0.97);
    expect(evaluated).toEqual([{ batches: 2 }, { batches: 3 }]);
    expect(() => mixedPrecisionParams.parse({ metric: 'accuracy' })).toThrow();
  });
});
