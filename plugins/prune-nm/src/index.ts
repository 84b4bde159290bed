/**
 * prune-nm: N:M structured sparsity (2:4 by default) along the reduction axis of Conv, MatMul and
 * Gemm weights, for targets whose hardware runs that pattern faster (sparse tensor cores).
 */
import { definePlugin, EdgepressError, ErrorCode, type PluginTarget, type StageResult, type SupportDecision } from '@edgepress/plugin-sdk';
import { acceleratedPattern, formatPattern } from './nm-pattern';
import { pruneNmParams } from './params';
import { selectLayers } from './select-layers';

function supports(target: PluginTarget): SupportDecision {
  if (target.sparsity.structured.length === 0) {
    return {
      supported: false,
      reason: `${target.name} does not accelerate any N:M sparsity pattern (no sparse tensor cores): N:M pruning would cost accuracy without a speedup; use prune-magnitude to shrink storage`,
    };
  }
  return { supported: true };
}

export default definePlugin({
  name: 'prune-nm',
  version: '1.0.0',
  kind: 'prune',
  description:
    'N:M structured sparsity (2:4 by default) along the input-channel axis of Conv, MatMul and Gemm weights, for targets with sparse tensor cores (e.g. NVIDIA Ampere and later).',
  params: pruneNmParams,
  engines: '^1.0.0',
  supports,
  async run(ctx, params): Promise<StageResult> {
    const mask = { n: params.n, m: params.m };
    const hardware = acceleratedPattern(ctx.target, mask);
    if (hardware === undefined) {
      const offered = ctx.target.sparsity.structured.map(formatPattern).join(', ');
      const message =
        offered === ''
          ? `${ctx.target.name} does not accelerate N:M sparsity; a ${formatPattern(mask)} mask would cost accuracy for nothing`
          : `${ctx.target.name} accelerates ${offered}; a ${formatPattern(mask)} mask fits none of them (it needs at most N non-zeros in every aligned group of M)`;
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, message, { details: { field: 'n' } });
    }
    const view = await ctx.model.graph();
    const { layers, skipped } = selectLayers(view, params);
    const notes = skipped.map((reason) => `kept dense: ${reason}`);
    if (layers.length === 0) {
      ctx.log.warn('prune-nm: no layer qualified');
      return { summary: { weights: 0 }, notes: [...notes, 'No layer qualified: nothing was pruned.'] };
    }
    let elements = 0;
    for (const [i, layer] of layers.entries()) {
      ctx.signal.throwIfAborted();
      const pruned = await ctx.kernels.nmPrune(layer.weight.tensor, { n: params.n, m: params.m, axis: layer.axis });
      await ctx.model.setWeight(layer.weight.name, pruned);
      await ctx.tensors.release([pruned]);
      elements += layer.weight.dims.reduce((a, b) => a * b, 1);
      ctx.progress((i + 1) / layers.length, `pruned ${layer.weight.name}`);
    }
    await ctx.model.check();
    if (formatPattern(hardware) !== formatPattern(mask)) {
      notes.push(`The ${formatPattern(mask)} mask also satisfies the ${formatPattern(hardware)} pattern ${ctx.target.name} accelerates.`);
    }
    notes.push(
      'Sparse tensor cores need the runtime to pick sparse kernels (e.g. TensorRT with sparse weights enabled); they pay off on large layers, and small or odd-sized layers may run dense.',
    );
    return {
      summary: {
        weights: layers.length,
        pattern: formatPattern(mask),
        elements,
        // At least this share is zero: n of every m are kept (zeros already there come on top).
        sparsity: 1 - params.n / params.m,
      },
      notes,
    };
  },
});
