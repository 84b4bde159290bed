/**
 * Dynamic quantization (no activation calibration): MatMul and Gemm by constant weights become
 * DynamicQuantizeLinear + MatMulInteger (dynamic-writer.ts). Calibration data, when the run has
 * it, is still used for bias correction, mixed precision and the latency check.
 */
import type { StageContext, StageResult } from '@edgepress/plugin-sdk';
import { compactNames, GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import { channelMeans } from './activation-means';
import { prepareDynamicLayer, writeDynamicPlan, type DynamicLayer } from './dynamic-writer';
import { decideByLatency } from './latency-aware';
import type { AttributionUnit } from './latency-attribution';
import { selectWeightLayers, type WeightLayer } from './layers';
import { chooseMixedPrecision, measureFidelity } from './mixed-precision';
import type { QuantizeInt8Params } from './params';
import type { LayerLevel } from './qdq-writer';
import type { QuantizationScheme } from './scheme';
import { StageSummary } from './summary';
import { quantizeLayerWeight } from './weight-artifacts';

const DYNAMIC_OP_TYPES = ['MatMul', 'Gemm'] as const;

function dynamicRejection(layer: WeightLayer): string | undefined {
  if (layer.opType === 'Gemm' && layer.linear.biasInput !== '' && layer.bias.kind === 'none') return `dynamic mode needs a Gemm bias with one value per output channel (${layer.bias.reason})`;
  return undefined;
}

export async function runDynamic(ctx: StageContext, params: QuantizeInt8Params, scheme: QuantizationScheme): Promise<StageResult> {
  const summary = new StageSummary(scheme, params);
  await ctx.model.ensureOpset('', 11);
  const view = await ctx.model.graph();
  const opTypes = params.opTypes.filter((type): type is (typeof DYNAMIC_OP_TYPES)[number] => (DYNAMIC_OP_TYPES as readonly string[]).includes(type));
  const ignored = params.opTypes.filter((type) => !opTypes.includes(type as (typeof DYNAMIC_OP_TYPES)[number]));
  if (ignored.length > 0) summary.set('ignoredOpTypes', ignored.join(', '));
  const selection = selectWeightLayers(view, { opTypes, include: params.include, exclude: params.exclude });
  for (const { name, reason } of selection.skipped) summary.keep(name, 'fp32', reason);
  const layers: WeightLayer[] = [];
  for (const layer of selection.layers) {
    const reason = dynamicRejection(layer);
    if (reason === undefined) layers.push(layer);
    else summary.keep(layer.name, 'fp32', reason);
  }
  if (layers.length === 0) return summary.result();

  const index = new GraphIndex(view);
  const correct = params.biasCorrection && ctx.calibration.batches > 0;
  const withMeans = correct ? layers.filter((layer) => layer.bias.kind !== 'none') : [];
  const requests = [...new Map(withMeans.map((layer) => [layer.input, { tensor: layer.input, axis: layer.inputChannelAxis, channels: layer.linear.inChannels }])).values()];
  const means = requests.length === 0 ? new Map<string, Float64Array>() : await channelMeans(ctx, requests, Math.min(params.biasCorrectionBatches, ctx.calibration.batches));
  const prepared = new Map<string, DynamicLayer>();
  for (const [position, layer] of layers.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress(0.1 + (0.4 * position) / layers.length, `quantizing weights of ${layer.name}`);
    prepared.set(layer.name, await prepareDynamicLayer(ctx, await quantizeLayerWeight(ctx, index, layer, scheme, means.get(layer.input))));
  }
  summary.set('biasCorrectedLayers', [...prepared.values()].filter((layer) => layer.weight.correction > 0).length);

  const levels = new Map<string, LayerLevel>(layers.map((layer) => [layer.name, 'int8']));
  const base = await ctx.model.snapshot();
  const write = async (chosen: ReadonlyMap<string, LayerLevel>) => {
    await ctx.model.restore(base);
    return writeDynamicPlan(ctx, view, prepared, chosen);
  };
  if (params.mixedPrecision.enabled) {
    const outcome = await chooseMixedPrecision(
      ctx,
      [...levels.keys()],
      () => 'fp32',
      async (trial) => {
        await write(trial);
        return measureFidelity(ctx, params.mixedPrecision);
      },
      params.mixedPrecision,
    );
    for (const [name, level] of outcome.levels) levels.set(name, level);
    summary.mixedPrecision(outcome, params.mixedPrecision.fidelity, params.mixedPrecision.metric);
  }
  if (params.latencyAware) {
    await ctx.model.restore(base);
    const before = await ctx.runtime.profile({ runs: params.profileRuns });
    const written = await write(levels);
    const after = await ctx.runtime.profile({ runs: params.profileRuns });
    const sharing = new Map<string, number>();
    for (const nodes of written.layerNodes.values()) sharing.set(nodes.quantizer, (sharing.get(nodes.quantizer) ?? 0) + 1);
    const units: AttributionUnit[] = [...written.layerNodes].map(([name, nodes]) => ({
      name,
      floatKeys: [name, index.node(name)?.outputs[0] ?? ''],
      quantKeys: nodes.own,
      shared: [{ key: nodes.quantizer, share: 1 / (sharing.get(nodes.quantizer) ?? 1) }],
    }));
    const decisions = decideByLatency(before.nodes, after.nodes, units);
    for (const name of decisions.slower) {
      const entry = decisions.comparisons.find((comparison) => comparison.name === name);
      levels.set(name, 'fp32');
      summary.keep(name, 'fp32', `int8 not faster on this runtime (${entry?.int8Ms.toFixed(3)} ms vs ${entry?.fp32Ms.toFixed(3)} ms fp32)`);
    }
    summary.latency(before.latencyMs, decisions.unmeasured.length);
  }
  await write(levels);
  summary.set('layersInt8', [...levels.values()].filter((level) => level === 'int8').length);
  summary.set('layersFp32', [...levels.values()].filter((level) => level === 'fp32').length + selection.skipped.length + (selection.layers.length - layers.length));
  if (params.compactNames) summary.compacted(await compactNames(ctx));
  if (params.latencyAware) summary.latencyAfter((await ctx.runtime.profile({ runs: params.profileRuns })).latencyMs);
  await ctx.model.check();
  return summary.result();
}
