import type { StageResult } from '@edgepress/plugin-sdk';
import type { CompactNamesReport, FoldBatchNormReport, FuseHardSwishReport } from '@edgepress/plugin-sdk/toolkit';
import type { MixedPrecisionOutcome } from './mixed-precision';
import type { MixedPrecisionParams, QuantizeInt8Params } from './params';
import type { LayerLevel, StaticPlan } from './qdq-writer';
import type { QuantizationScheme } from './scheme';
import type { StaticArtifacts } from './static-artifacts';

/** Notes listed per kind before the rest is counted (keeps the stage result small). */
const MAX_LISTED = 40;

export function describeScheme(scheme: QuantizationScheme, params: QuantizeInt8Params): string {
  const weights = `${scheme.perChannel ? 'per-channel' : 'per-tensor'} ${scheme.symmetricWeights ? 'symmetric' : 'asymmetric'} int8 weights${scheme.reduceRange ? ' (7-bit, reduce_range)' : ''}`;
  if (scheme.mode === 'dynamic') return `dynamic: ${weights}, uint8 activations quantized at run time (DynamicQuantizeLinear + MatMulInteger)`;
  if (scheme.activationType === 'float') return `weight-only: ${weights} (${params.weightOnlyFormat}), float activations`;
  const activations = scheme.activationType === 'int8' ? 'int8 symmetric' : 'uint8 asymmetric';
  return `static ${params.format === 'qdq' ? 'QDQ' : 'QOperator'}: ${weights}, ${activations} activations calibrated by ${params.calibration}`;
}

/** Collects what a run did, for the StageResult: counts in `summary`, reasons in `notes`. */
export class StageSummary {
  private readonly values: Record<string, number | string | boolean> = {};
  private readonly kept = new Map<string, { level: LayerLevel; reason: string }>();
  private readonly notes: string[] = [];

  constructor(scheme: QuantizationScheme, params: QuantizeInt8Params) {
    this.values.mode = scheme.mode;
    this.values.scheme = describeScheme(scheme, params);
    this.values.perChannel = scheme.perChannel;
    this.values.reduceRange = scheme.reduceRange;
    this.notes.push(...scheme.notes);
  }

  folded(report: FoldBatchNormReport): void {
    this.values.batchNormsFolded = report.batchNorms;
    this.values.elementwiseFolded = report.elementwise;
    this.notes.push(...report.notes);
  }

  fusedHardSwish(report: FuseHardSwishReport): void {
    this.values.hardSwishFused = report.fused;
  }

  prepared(artifacts: StaticArtifacts): void {
    const layers = [...artifacts.layers.values()];
    this.values.biasCorrectedLayers = layers.filter((layer) => layer.correction > 0).length;
    this.values.maxBiasCorrection = Math.max(0, ...layers.map((layer) => layer.correction));
    this.values.saturatedBiasChannels = layers.reduce((sum, layer) => sum + (layer.int32Bias?.saturated ?? 0), 0);
    this.values.constantChannelsZeroed = layers.reduce((sum, layer) => sum + layer.zeroedChannels, 0);
  }

  keep(name: string, level: LayerLevel, reason: string): void {
    this.kept.set(name, { level, reason });
  }

  mixedPrecision(outcome: MixedPrecisionOutcome, target: number, metric: MixedPrecisionParams['metric']): void {
    const label = metric === 'cosine' ? 'cosine' : 'top-1 agreement';
    this.values.fidelityTarget = target;
    this.values.fidelityMetric = metric;
    this.values.fidelityMeasured = outcome.fidelity;
    this.values.fidelityReached = outcome.reached;
    this.values.sensitivityEvaluations = outcome.evaluations;
    for (const name of outcome.fallbacks) {
      const level = outcome.levels.get(name) as LayerLevel;
      this.keep(name, level, `sensitive: quantized alone, it costs ${(outcome.sensitivity.get(name) ?? 0).toFixed(4)} of ${label}`);
    }
    if (!outcome.reached) this.notes.push(`The fidelity target ${target} was not reached: best ${label} ${outcome.fidelity.toFixed(4)} with ${outcome.fallbacks.length} fallbacks`);
  }

  latency(beforeMs: number, unmeasured: number): void {
    this.values.latencyFp32Ms = beforeMs;
    if (unmeasured > 0) this.notes.push(`${unmeasured} quantized layer(s) matched no profiled node; kept as planned`);
  }

  latencyAfter(ms: number): void {
    this.values.latencyQuantizedMs = ms;
  }

  plan(plan: StaticPlan, activations: number): void {
    const count = (level: LayerLevel) => [...plan.layers.values()].filter((entry) => entry === level).length;
    this.values.layersInt8 = count('int8');
    this.values.layersWeightsInt8 = count('weights-int8');
    // Skipped layers never enter the plan; they are fp32 too.
    this.values.layersFp32 = count('fp32') + [...this.kept.entries()].filter(([name, entry]) => entry.level === 'fp32' && !plan.layers.has(name)).length;
    this.values.activationOpsInt8 = plan.units.size;
    this.values.activationsQuantized = activations;
  }

  compacted(report: CompactNamesReport): void {
    this.values.namesCompacted = report.nodes + report.values;
    if (report.skipped !== undefined) this.notes.push(`Names kept: ${report.skipped}`);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  set(key: string, value: number | string | boolean): void {
    this.values[key] = value;
  }

  result(): StageResult {
    const kept = [...this.kept.entries()];
    const listed = kept.slice(0, MAX_LISTED).map(([name, { level, reason }]) => `${name}: ${level}, ${reason}`);
    if (kept.length > MAX_LISTED) listed.push(`... and ${kept.length - MAX_LISTED} more layers kept out of int8`);
    return { summary: { ...this.values }, notes: [...this.notes, ...listed] };
  }
}
