/**
 * factorize-lowrank: replaces large weights by products of smaller ones at a rank or energy
 * target: truncated SVD for MatMul/Gemm and 1x1 Conv weights (two layers through rank r),
 * Tucker-2 for larger Conv kernels (1x1 -> core -> 1x1). A layer is changed only when the
 * factors have fewer parameters and multiply-adds than the original.
 */
import { definePlugin, type StageContext, type StageResult } from '@edgepress/plugin-sdk';
import { describeLinearLayer, GraphIndex, layerFilter, type LinearLayer } from '@edgepress/plugin-sdk/toolkit';
import { factorizeLinear } from './factorize-linear';
import { factorizePointwise, factorizeTucker2 } from './factorize-conv';
import type { Factorization, LayerOutcome } from './factorization';
import { factorizeLowRankParams, type FactorizeLowRankParams } from './params';

async function factorize(ctx: StageContext, layer: LinearLayer, params: FactorizeLowRankParams): Promise<LayerOutcome> {
  const selection = params.rank === undefined ? { energy: params.energy } : { rank: params.rank, energy: params.energy };
  if (layer.kind === 'matmul' || layer.kind === 'gemm') return factorizeLinear(ctx, layer, selection);
  const dims = layer.weight.dims;
  if (layer.kind !== 'conv' || dims.length !== 4) return { skipped: { node: layer.node.name, reason: `a ${dims.length - 2}-D Conv is not factorized (2-D kernels only)` } };
  if (layer.group !== 1) return { skipped: { node: layer.node.name, reason: `group = ${layer.group}: only group 1 Convs are factorized` } };
  if ((dims[2] as number) * (dims[3] as number) === 1) return factorizePointwise(ctx, layer, selection);
  return factorizeTucker2(ctx, layer, selection);
}

function describe(done: Factorization): string {
  const ranks = done.method === 'svd' ? `rank ${done.ranks[0]}` : `ranks [${done.ranks.join(', ')}]`;
  return `${done.node}: ${done.method} ${ranks}, relative error ${done.relativeError.toExponential(3)}, parameters ${done.parametersBefore} -> ${done.parametersAfter}, MACs per output ${done.macsBefore} -> ${done.macsAfter}`;
}

export default definePlugin({
  name: 'factorize-lowrank',
  version: '1.0.0',
  kind: 'factorize',
  description:
    'Low-rank factorization at a rank or energy target: truncated SVD of MatMul/Gemm and 1x1 Conv weights (two layers through rank r), Tucker-2 of larger Conv kernels (1x1 -> core -> 1x1), only where it saves parameters and multiply-adds.',
  params: factorizeLowRankParams,
  engines: '^1.0.0',
  async run(ctx, params): Promise<StageResult> {
    const view = await ctx.model.graph();
    const index = new GraphIndex(view);
    const accept = layerFilter(view, params);
    const layers = view.nodes.filter(accept).flatMap((node) => describeLinearLayer(index, node) ?? []);
    const done: Factorization[] = [];
    const notes: string[] = [];
    for (const [i, layer] of layers.entries()) {
      ctx.signal.throwIfAborted();
      const outcome = await factorize(ctx, layer, params);
      if ('done' in outcome) done.push(outcome.done);
      else notes.push(`kept: ${outcome.skipped.node}: ${outcome.skipped.reason}`);
      ctx.progress((i + 1) / Math.max(1, layers.length), `factorized ${layer.node.name}`);
    }
    await ctx.model.removeUnused();
    await ctx.model.check();
    const parametersBefore = done.reduce((sum, item) => sum + item.parametersBefore, 0);
    const parametersAfter = done.reduce((sum, item) => sum + item.parametersAfter, 0);
    return {
      summary: {
        layers: done.length,
        kept: layers.length - done.length,
        selection: params.rank === undefined ? `energy ${params.energy}` : `rank ${params.rank}`,
        parametersBefore,
        parametersAfter,
        macsPerOutputBefore: done.reduce((sum, item) => sum + item.macsBefore, 0),
        macsPerOutputAfter: done.reduce((sum, item) => sum + item.macsAfter, 0),
      },
      notes: [...done.map(describe), ...notes].slice(0, 500),
    };
  },
});
