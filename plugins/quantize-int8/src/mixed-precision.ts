/**
 * Mixed precision from measured sensitivity. Each candidate layer is quantized alone (every other
 * layer in float) and the fidelity of the model is measured on calibration data, in the chosen
 * metric (cosine of the outputs, or the share of positions whose arg-max class agrees): 1 - fidelity
 * is the layer's sensitivity. Layers then fall back, most sensitive first, until the whole model reaches
 * the fidelity target. Sensitivities do not add up exactly (errors interact), so the number of
 * fallbacks is searched with measurements, not predicted: doubling until the target is met, then
 * bisecting; the result is a small fallback set that meets the target (the smallest one if
 * fidelity grows with the number of fallbacks, which it does not always do).
 */
import type { StageContext } from '@edgepress/plugin-sdk';
import type { MixedPrecisionParams } from './params';
import type { LayerLevel } from './qdq-writer';

export interface MixedPrecisionOptions {
  readonly fidelity: number;
  readonly maxLayersFp32?: number;
}

export interface MixedPrecisionOutcome {
  readonly levels: ReadonlyMap<string, LayerLevel>;
  /** 1 - fidelity with only this layer quantized. */
  readonly sensitivity: ReadonlyMap<string, number>;
  /** Fallbacks, most sensitive first. */
  readonly fallbacks: readonly string[];
  /** The fidelity of the chosen levels, in the metric of the target. */
  readonly fidelity: number;
  readonly reached: boolean;
  readonly evaluations: number;
}

/** Fidelity of the model written with these levels (layers absent from the map are fp32). */
export type MeasureLevels = (levels: ReadonlyMap<string, LayerLevel>) => Promise<number>;

/** The current model's fidelity on calibration data, in the metric the target is set in. */
export async function measureFidelity(ctx: StageContext, params: MixedPrecisionParams): Promise<number> {
  const figures = await ctx.runtime.evaluate({ batches: Math.min(params.batches, ctx.calibration.batches) });
  return figures[params.metric];
}

function withFallbacks(candidates: readonly string[], ordered: readonly string[], count: number, fallbackOf: (name: string) => LayerLevel): Map<string, LayerLevel> {
  const levels = new Map<string, LayerLevel>(candidates.map((name) => [name, 'int8']));
  for (const name of ordered.slice(0, count)) levels.set(name, fallbackOf(name));
  return levels;
}

export async function chooseMixedPrecision(
  ctx: StageContext,
  candidates: readonly string[],
  fallbackOf: (name: string) => LayerLevel,
  measure: MeasureLevels,
  options: MixedPrecisionOptions,
): Promise<MixedPrecisionOutcome> {
  let evaluations = 0;
  const fidelityOf = async (count: number, ordered: readonly string[]) => {
    ctx.signal.throwIfAborted();
    evaluations++;
    return measure(withFallbacks(candidates, ordered, count, fallbackOf));
  };
  const allInt8 = await fidelityOf(0, []);
  const sensitivity = new Map<string, number>();
  if (allInt8 >= options.fidelity || candidates.length === 0) {
    return { levels: withFallbacks(candidates, [], 0, fallbackOf), sensitivity, fallbacks: [], fidelity: allInt8, reached: allInt8 >= options.fidelity, evaluations };
  }
  for (const [position, name] of candidates.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress(0.6 + (0.25 * position) / candidates.length, `sensitivity of ${name}`);
    evaluations++;
    sensitivity.set(name, 1 - (await measure(new Map([[name, 'int8']]))));
  }
  const ordered = [...candidates].sort((a, b) => (sensitivity.get(b) as number) - (sensitivity.get(a) as number));
  const cap = Math.min(candidates.length, options.maxLayersFp32 ?? candidates.length);
  if (cap === 0) {
    return { levels: withFallbacks(candidates, [], 0, fallbackOf), sensitivity, fallbacks: [], fidelity: allInt8, reached: false, evaluations };
  }

  // Doubling, then bisection between the last count that missed and the first that met the target.
  const measured = new Map<number, number>([[0, allInt8]]);
  let low = 0;
  let high: number | undefined;
  for (let count = 1; ; count = Math.min(cap, count * 2)) {
    measured.set(count, await fidelityOf(count, ordered));
    if ((measured.get(count) as number) >= options.fidelity) {
      high = count;
      break;
    }
    low = count;
    if (count >= cap) break;
  }
  while (high !== undefined && high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    measured.set(middle, await fidelityOf(middle, ordered));
    if ((measured.get(middle) as number) >= options.fidelity) high = middle;
    else low = middle;
  }
  // Target met: the smallest count found. Otherwise the count with the best fidelity.
  const count = high ?? [...measured.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  return {
    levels: withFallbacks(candidates, ordered, count, fallbackOf),
    sensitivity,
    fallbacks: ordered.slice(0, count),
    fidelity: measured.get(count) as number,
    reached: high !== undefined,
    evaluations,
  };
}
