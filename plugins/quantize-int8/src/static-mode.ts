/**
 * Static quantization: fold BatchNormalization, fuse hard swish, pick the layers, calibrate
 * activations and quantize weights once (static-artifacts.ts), then choose each layer's level (int8, weights-int8
 * or fp32) by measurement when mixed precision or latency awareness is on, each trial written
 * onto a snapshot of the float model and undone, and finally write the chosen plan.
 */
import { EdgepressError, ErrorCode, type StageContext, type StageResult } from '@edgepress/plugin-sdk';
import { compactNames, foldBatchNorm, fuseHardSwish, GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import { selectWeightLayers, type WeightLayer } from './layers';
import { decideByLatency, attributionUnits } from './latency-aware';
import { chooseMixedPrecision, measureFidelity, type MixedPrecisionOutcome } from './mixed-precision';
import type { QuantizeInt8Params } from './params';
import { quantizedActivations, writeStaticPlan, type LayerLevel, type StaticPlan, type WrittenPlan } from './qdq-writer';
import { writeQOperatorPlan } from './qoperator-writer';
import type { QuantizationScheme } from './scheme';
import { prepareStatic, selectActivationUnits, type StaticArtifacts } from './static-artifacts';
import { StageSummary } from './summary';

/** A fallback to fp32 costs 3 extra bytes per weight: below this share of the quantized weights it is cheap. */
const SMALL_LAYER_SHARE = 0.01;

/** The plan to write; in weight-only mode (float activations) a layer's int8 level is weights-int8. */
function toPlan(levels: ReadonlyMap<string, LayerLevel>, artifacts: StaticArtifacts, weightOnly: boolean): StaticPlan {
  const layers = new Map<string, LayerLevel>();
  const units = new Set<string>();
  for (const [name, level] of levels) {
    if (artifacts.layers.has(name)) layers.set(name, weightOnly && level === 'int8' ? 'weights-int8' : level);
    else if (level === 'int8') units.add(name);
  }
  return { layers, units };
}

/** Layers whose int32 bias saturates by more than half an output step: their int8 form would be wrong, not just imprecise. */
function saturatedBiases(artifacts: StaticArtifacts): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const [name, quant] of artifacts.layers) {
    const bias = quant.int32Bias;
    if (bias === undefined || bias.saturated === 0) continue;
    const step = artifacts.activations.get(quant.layer.output)?.scale ?? 0;
    if (bias.maxAbsError > step / 2) reasons.set(name, `int32 bias saturates in ${bias.saturated} channel(s) (error ${bias.maxAbsError.toExponential(2)})`);
  }
  return reasons;
}

function fallbackChooser(params: QuantizeInt8Params, layers: readonly WeightLayer[]): (name: string) => LayerLevel {
  const byName = new Map(layers.map((layer) => [layer.name, layer]));
  const total = layers.reduce((sum, layer) => sum + layer.weightCount, 0);
  return (name) => {
    const layer = byName.get(name);
    if (layer === undefined) return 'fp32';
    const fallback = params.mixedPrecision.fallback;
    if (fallback !== 'auto') return fallback;
    return layer.weightCount < SMALL_LAYER_SHARE * total ? 'fp32' : 'weights-int8';
  };
}

export async function runStatic(ctx: StageContext, params: QuantizeInt8Params, scheme: QuantizationScheme): Promise<StageResult> {
  const summary = new StageSummary(scheme, params);
  await ctx.model.ensureOpset('', 13);
  if (params.foldBatchNorm) summary.folded(await foldBatchNorm(ctx));
  if (params.fuseHardSwish) summary.fusedHardSwish(await fuseHardSwish(ctx));
  const view = await ctx.model.graph();
  const selection = selectWeightLayers(view, params);
  const weightOnly = scheme.activationType === 'float';
  const floatTarget = ctx.target.quantization.allowedPrecisions.some((precision) => precision === 'fp32' || precision === 'fp16' || precision === 'bf16');
  if (weightOnly && !floatTarget) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `activations "float" (weight-only) computes in float, which ${ctx.target.name} cannot run (it runs ${ctx.target.quantization.allowedPrecisions.join(', ')}); use uint8-asymmetric or int8-symmetric activations`);
  }
  if (!floatTarget && (params.mixedPrecision.enabled || params.latencyAware)) {
    summary.note(`${ctx.target.name} runs no float: layers kept out of int8 by mixed precision or latency awareness run elsewhere (e.g. on the host CPU)`);
  }
  const units = weightOnly ? [] : selectActivationUnits(view, params.activationOps, params.exclude);
  for (const { name, reason } of selection.skipped) summary.keep(name, 'fp32', reason);
  if (selection.layers.length === 0 && units.length === 0) return summary.result();

  const artifacts = await prepareStatic(ctx, view, selection.layers, units, params, scheme);
  summary.prepared(artifacts);
  const forced = saturatedBiases(artifacts);
  for (const [name, reason] of forced) summary.keep(name, 'weights-int8', reason);
  const candidates = [...selection.layers.map((layer) => layer.name).filter((name) => !forced.has(name)), ...units.map((unit) => unit.name)];
  const levels = new Map<string, LayerLevel>(candidates.map((name) => [name, 'int8']));
  for (const name of forced.keys()) levels.set(name, 'weights-int8');

  const base = await ctx.model.snapshot();
  const write = async (chosen: ReadonlyMap<string, LayerLevel>): Promise<WrittenPlan> => {
    await ctx.model.restore(base);
    const plan = toPlan(chosen, artifacts, weightOnly);
    if (params.format === 'qdq') return writeStaticPlan(ctx, view, artifacts, plan);
    const written = await writeQOperatorPlan(ctx, view, artifacts, plan);
    summary.set('layersQOperator', written.qoperatorLayers);
    return written;
  };

  if (params.mixedPrecision.enabled) {
    const outcome: MixedPrecisionOutcome = await chooseMixedPrecision(
      ctx,
      candidates,
      weightOnly ? () => 'fp32' : fallbackChooser(params, selection.layers),
      async (trial) => {
        await write(new Map([...[...forced.keys()].map((name) => [name, 'weights-int8'] as const), ...trial]));
        return measureFidelity(ctx, params.mixedPrecision);
      },
      params.mixedPrecision,
    );
    for (const [name, level] of outcome.levels) levels.set(name, level);
    summary.mixedPrecision(outcome, params.mixedPrecision.fidelity, params.mixedPrecision.metric);
  }

  if (params.latencyAware && !weightOnly) {
    await ctx.model.restore(base);
    const before = await ctx.runtime.profile({ runs: params.profileRuns });
    const plan = toPlan(levels, artifacts, weightOnly);
    const written = await write(levels);
    const after = await ctx.runtime.profile({ runs: params.profileRuns });
    const decisions = decideByLatency(before.nodes, after.nodes, attributionUnits(view, artifacts, plan, written));
    for (const name of decisions.slower) {
      const entry = decisions.comparisons.find((comparison) => comparison.name === name);
      levels.set(name, 'weights-int8');
      summary.keep(name, 'weights-int8', `int8 activations not faster on this runtime (${entry?.int8Ms.toFixed(3)} ms vs ${entry?.fp32Ms.toFixed(3)} ms fp32)`);
    }
    summary.latency(before.latencyMs, decisions.unmeasured.length);
  }

  const finalPlan = toPlan(levels, artifacts, weightOnly);
  await write(levels);
  summary.plan(finalPlan, quantizedActivations(new GraphIndex(view), artifacts, finalPlan).size);
  if (params.compactNames) summary.compacted(await compactNames(ctx));
  if (params.latencyAware && !weightOnly) summary.latencyAfter((await ctx.runtime.profile({ runs: params.profileRuns })).latencyMs);
  await ctx.model.check();
  return summary.result();
}
