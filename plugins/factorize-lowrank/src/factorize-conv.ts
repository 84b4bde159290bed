import type { StageContext } from '@edgepress/plugin-sdk';
import { intsAttribute, type LinearLayer } from '@edgepress/plugin-sdk/toolkit';
import { addWeight, reshaped, type LayerOutcome } from './factorization';

/** The attributes that place a Conv's window; they move to the factor that keeps the window. */
const WINDOW_ATTRIBUTES = ['strides', 'pads', 'dilations', 'auto_pad', 'kernel_shape'] as const;

function windowAttributes(layer: LinearLayer): Record<string, { type: 'ints'; value: readonly number[] } | string> {
  const copied: Record<string, { type: 'ints'; value: readonly number[] } | string> = {};
  for (const name of WINDOW_ATTRIBUTES) {
    const attribute = layer.node.attributes[name];
    if (attribute?.type === 'ints') copied[name] = { type: 'ints', value: attribute.value };
    else if (attribute?.type === 'string') copied[name] = attribute.value;
  }
  return copied;
}

function strideArea(layer: LinearLayer): number {
  return (intsAttribute(layer.node, 'strides') ?? [1, 1]).reduce((a, b) => a * b, 1);
}

/** Makes the original node a plain 1x1 Conv reading `input` with weight `weight` (its bias kept). */
async function makePointwise(ctx: StageContext, layer: LinearLayer, input: string, weight: string): Promise<void> {
  const { node } = layer;
  await ctx.model.setNodeInputs(node.name, [input, weight, ...node.inputs.slice(2)]);
  await ctx.model.setAttributes(node.name, Object.fromEntries(WINDOW_ATTRIBUTES.map((name) => [name, null])));
}

/**
 * A 1x1 Conv [Cout, Cin, 1, 1] (group 1) -> two 1x1 Convs through rank r, from the truncated SVD of
 * W as [Cout, Cin] = L R: the first (weight R as [r, Cin, 1, 1]) keeps the strides and pads, the
 * second (L as [Cout, r, 1, 1]) the bias. Padding stays exact: the first Conv has no bias, so it
 * maps padded zeros to zeros. Only when r (Cin + Cout) < Cin Cout.
 */
export async function factorizePointwise(ctx: StageContext, layer: LinearLayer, selection: { rank?: number; energy: number }): Promise<LayerOutcome> {
  const { node, weight } = layer;
  const [cout, cin] = weight.dims as [number, number];
  const matrix = await reshaped(ctx, weight.tensor, [cout, cin]);
  const factors = await ctx.kernels.lowRank(matrix, selection.rank === undefined ? { energy: selection.energy } : { rank: Math.min(selection.rank, cout, cin) });
  await ctx.tensors.release([matrix]);
  const r = factors.rank;
  const before = cout * cin;
  const after = r * (cout + cin);
  if (after >= before) {
    await ctx.tensors.release([factors.left, factors.right]);
    return { skipped: { node: node.name, reason: `rank ${r} of a ${cout}x${cin} 1x1 Conv saves nothing (it must be below ${(before / (cout + cin)).toFixed(1)})` } };
  }
  const first = await reshaped(ctx, factors.right, [r, cin, 1, 1]);
  const last = await reshaped(ctx, factors.left, [cout, r, 1, 1]);
  await ctx.tensors.release([factors.left, factors.right]);
  const firstWeight = await addWeight(ctx, `${weight.name}_lowrank_a`, first);
  const lastWeight = await addWeight(ctx, `${weight.name}_lowrank_b`, last);
  await ctx.tensors.release([first, last]);
  const hidden = await ctx.model.uniqueName(`${node.outputs[0]}_lowrank`);
  await ctx.model.addNode({
    opType: 'Conv',
    name: `${node.name}_lowrank`,
    inputs: [node.inputs[0] as string, firstWeight],
    outputs: [hidden],
    attributes: windowAttributes(layer),
    before: node.name,
  });
  await makePointwise(ctx, layer, hidden, lastWeight);
  return {
    done: { node: node.name, method: 'svd', ranks: [r], relativeError: Math.max(0, 1 - factors.energy), parametersBefore: before, parametersAfter: after, macsBefore: before, macsAfter: after },
  };
}

/**
 * A kh x kw Conv (group 1) -> 1x1 Conv to inRank channels, a kh x kw core Conv to outRank channels
 * with the original strides, pads and dilations, and a 1x1 Conv to Cout with the bias (Tucker-2,
 * ctx.kernels.tucker2). Only when it saves parameters and multiply-adds per output pixel (the
 * first 1x1 Conv runs at input resolution: about stride_h x stride_w times as many positions).
 */
export async function factorizeTucker2(ctx: StageContext, layer: LinearLayer, selection: { rank?: number; energy: number }): Promise<LayerOutcome> {
  const { node, weight } = layer;
  const [cout, cin, kh, kw] = weight.dims as [number, number, number, number];
  const spatial = kh * kw;
  let options: { ranks: [number, number] } | { energy: number };
  if (selection.rank === undefined) options = { energy: selection.energy };
  else {
    let outRank = Math.min(selection.rank, cout, cin * spatial);
    let inRank = Math.min(selection.rank, cin, cout * spatial);
    inRank = Math.min(inRank, outRank * spatial);
    outRank = Math.min(outRank, inRank * spatial);
    options = { ranks: [outRank, inRank] };
  }
  const factors = await ctx.kernels.tucker2(weight.tensor, options);
  const [outRank, inRank] = factors.ranks;
  const before = cout * cin * spatial;
  const after = inRank * cin + outRank * inRank * spatial + cout * outRank;
  const macsAfter = inRank * cin * strideArea(layer) + outRank * inRank * spatial + cout * outRank;
  if (after >= before || macsAfter >= before) {
    await ctx.tensors.release([factors.first, factors.core, factors.last]);
    return { skipped: { node: node.name, reason: `Tucker-2 ranks [${outRank}, ${inRank}] of [${cout}, ${cin}, ${kh}, ${kw}] save nothing` } };
  }
  const firstWeight = await addWeight(ctx, `${weight.name}_tucker_first`, factors.first);
  const coreWeight = await addWeight(ctx, `${weight.name}_tucker_core`, factors.core);
  const lastWeight = await addWeight(ctx, `${weight.name}_tucker_last`, factors.last);
  await ctx.tensors.release([factors.first, factors.core, factors.last]);
  const reduced = await ctx.model.uniqueName(`${node.outputs[0]}_tucker_in`);
  const cored = await ctx.model.uniqueName(`${node.outputs[0]}_tucker_core`);
  await ctx.model.addNode({ opType: 'Conv', name: `${node.name}_tucker_first`, inputs: [node.inputs[0] as string, firstWeight], outputs: [reduced], before: node.name });
  await ctx.model.addNode({ opType: 'Conv', name: `${node.name}_tucker_core`, inputs: [reduced, coreWeight], outputs: [cored], attributes: windowAttributes(layer), before: node.name });
  await makePointwise(ctx, layer, cored, lastWeight);
  return {
    done: {
      node: node.name,
      method: 'tucker2',
      ranks: [outRank, inRank],
      relativeError: factors.relativeError,
      parametersBefore: before,
      parametersAfter: after,
      macsBefore: before,
      macsAfter,
    },
  };
}
