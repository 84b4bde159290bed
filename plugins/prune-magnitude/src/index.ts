/**
 * prune-magnitude: unstructured magnitude pruning of Conv/ConvTranspose/MatMul/Gemm weights, with
 * one threshold over all of them (global) or the same sparsity in each (per layer), stored as
 * sparse initializers where that makes the file smaller (sparse-storage.ts).
 */
import { definePlugin, type PluginTarget, type StageContext, type StageResult, type SupportDecision } from '@edgepress/plugin-sdk';
import { pruneMagnitudeParams, type PruneMagnitudeParams } from './params';
import { pruneTogether, type PrunedWeight } from './prune-weights';
import { selectWeights } from './select-weights';
import { breakEvenSparsity, denseBytes, sparseBytes, sparseIsSmaller } from './sparse-storage';

function supports(_target: PluginTarget): SupportDecision {
  // Zeros are plain float weights: any target runs the result; only storage shrinks where sparsity is not accelerated.
  return { supported: true };
}

async function prune(ctx: StageContext, params: PruneMagnitudeParams, weights: Parameters<typeof pruneTogether>[1]): Promise<PrunedWeight[]> {
  if (params.scope === 'global') return pruneTogether(ctx, weights, params.sparsity);
  const results: PrunedWeight[] = [];
  for (const [i, weight] of weights.entries()) {
    results.push(...(await pruneTogether(ctx, [weight], params.sparsity)));
    ctx.progress((0.8 * (i + 1)) / weights.length, `pruned ${weight.name}`);
  }
  return results;
}

function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)} %`;
}

export default definePlugin({
  name: 'prune-magnitude',
  version: '1.0.0',
  kind: 'prune',
  description:
    'Unstructured magnitude pruning of Conv, ConvTranspose, MatMul and Gemm weights, with one global threshold or the same sparsity per layer; pruned weights are stored as ONNX sparse initializers when that makes the file smaller.',
  params: pruneMagnitudeParams,
  engines: '^1.0.0',
  supports,
  async run(ctx, params): Promise<StageResult> {
    const view = await ctx.model.graph();
    const { weights, skipped } = selectWeights(view, params);
    const notes = skipped.map((reason) => `not pruned: ${reason}`);
    if (weights.length === 0) {
      ctx.log.warn('prune-magnitude: no weight matched the selection');
      return { summary: { weights: 0 }, notes: [...notes, 'No weight matched: nothing was pruned.'] };
    }
    if (!ctx.target.sparsity.unstructured) {
      notes.push(`${ctx.target.name} does not accelerate unstructured sparsity: pruning shrinks the stored model, not its latency.`);
    }
    const results = await prune(ctx, params, weights);

    let elements = 0;
    let zeros = 0;
    let sparseWeights = 0;
    let bytesBefore = 0;
    let bytesAfter = 0;
    const perLayer: string[] = [];
    for (const result of results) {
      const { weight } = result;
      const nonZeros = result.elements - result.zeros;
      const sparse = params.storage === 'sparse-initializer' && sparseIsSmaller(weight.dataType, result.elements, nonZeros);
      await ctx.model.setWeight(weight.name, result.pruned, sparse ? { location: 'sparse-initializer' } : undefined);
      await ctx.tensors.release([result.pruned]);
      elements += result.elements;
      zeros += result.zeros;
      sparseWeights += sparse ? 1 : 0;
      bytesBefore += denseBytes(weight.dataType, result.elements);
      bytesAfter += sparse ? sparseBytes(weight.dataType, nonZeros) : denseBytes(weight.dataType, result.elements);
      perLayer.push(`${weight.name}: ${percent(result.zeros / result.elements)}${sparse ? ' (sparse)' : ''}`);
    }
    ctx.progress(0.9, 'stored');
    await ctx.model.check();
    if (params.storage === 'sparse-initializer' && sparseWeights < results.length) {
      notes.push(
        `${results.length - sparseWeights} pruned weight(s) stay dense: with int64 indices a sparse float32 initializer is smaller only above ${percent(breakEvenSparsity('float'))} sparsity.`,
      );
    }
    notes.push(`sparsity per weight: ${perLayer.slice(0, 200).join('; ')}${perLayer.length > 200 ? '; ...' : ''}`);
    return {
      summary: {
        weights: results.length,
        scope: params.scope,
        elements,
        zeros,
        sparsity: zeros / elements,
        sparseInitializers: sparseWeights,
        weightBytesBefore: bytesBefore,
        weightBytesAfter: bytesAfter,
      },
      notes,
    };
  },
});
