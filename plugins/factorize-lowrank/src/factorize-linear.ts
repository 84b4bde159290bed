import type { StageContext } from '@edgepress/plugin-sdk';
import { intAttribute, type LinearLayer } from '@edgepress/plugin-sdk/toolkit';
import { addWeight, type LayerOutcome } from './factorization';

/**
 * MatMul/Gemm by a constant weight -> two MatMuls/Gemms through rank r: the stored weight
 * W [rows, cols] = L [rows, r] R [r, cols] (truncated SVD, ctx.kernels.lowRank). For MatMul and
 * Gemm without transB (W is [K, N]) the input meets L first; with transB (W is [N, K]) it meets R
 * first, and both Gemms keep transB = 1. transA and alpha stay on the first Gemm, C and beta on
 * the second. Only done when r (K + N) < K N, i.e. when it saves parameters and multiply-adds.
 */
export async function factorizeLinear(ctx: StageContext, layer: LinearLayer, selection: { rank?: number; energy: number }): Promise<LayerOutcome> {
  const { node, weight } = layer;
  const [rows, cols] = weight.dims as [number, number];
  const limit = Math.min(rows, cols);
  const factors = await ctx.kernels.lowRank(weight.tensor, selection.rank === undefined ? { energy: selection.energy } : { rank: Math.min(selection.rank, limit) });
  const r = factors.rank;
  const before = rows * cols;
  const after = r * (rows + cols);
  if (after >= before) {
    await ctx.tensors.release([factors.left, factors.right]);
    return { skipped: { node: node.name, reason: `rank ${r} of [${rows}, ${cols}] saves nothing (it must be below ${(before / (rows + cols)).toFixed(1)})` } };
  }
  const transB = layer.kind === 'gemm' && intAttribute(node, 'transB', 0) !== 0;
  const firstWeight = await addWeight(ctx, `${weight.name}_lowrank_a`, transB ? factors.right : factors.left);
  const secondWeight = await addWeight(ctx, `${weight.name}_lowrank_b`, transB ? factors.left : factors.right);
  await ctx.tensors.release([factors.left, factors.right]);
  const hidden = await ctx.model.uniqueName(`${node.outputs[0]}_lowrank`);
  const input = node.inputs[0] as string;
  if (layer.kind === 'matmul') {
    await ctx.model.addNode({ opType: 'MatMul', name: `${node.name}_lowrank`, inputs: [input, firstWeight], outputs: [hidden], before: node.name });
    await ctx.model.setNodeInputs(node.name, [hidden, secondWeight]);
  } else {
    const alpha = node.attributes.alpha;
    await ctx.model.addNode({
      opType: 'Gemm',
      name: `${node.name}_lowrank`,
      inputs: [input, firstWeight],
      outputs: [hidden],
      attributes: {
        transA: intAttribute(node, 'transA', 0),
        transB: transB ? 1 : 0,
        ...(alpha?.type === 'float' ? { alpha: { type: 'float', value: alpha.value } } : {}),
      },
      before: node.name,
    });
    await ctx.model.setNodeInputs(node.name, [hidden, secondWeight, ...node.inputs.slice(2)]);
    await ctx.model.setAttributes(node.name, { transA: null, alpha: null });
  }
  return {
    done: {
      node: node.name,
      method: 'svd',
      ranks: [r],
      relativeError: Math.max(0, 1 - factors.energy),
      parametersBefore: before,
      parametersAfter: after,
      macsBefore: before,
      macsAfter: after,
    },
  };
}
