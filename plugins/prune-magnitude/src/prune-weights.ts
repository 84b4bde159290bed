import type { StageContext, TensorHandle, WeightView } from '@edgepress/plugin-sdk';

export interface PrunedWeight {
  readonly weight: WeightView;
  /** The pruned values (host handle, same type and dims as the weight). */
  readonly pruned: TensorHandle;
  readonly elements: number;
  /** Zeros after pruning (zeros that were already there included). */
  readonly zeros: number;
}

function elementsOf(weight: WeightView): number {
  return weight.dims.reduce((a, b) => a * b, 1);
}

function countZeros(values: ArrayLike<number>): number {
  let zeros = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) zeros++;
  return zeros;
}

async function floatValues(ctx: StageContext, handle: TensorHandle): Promise<Float32Array> {
  return (await ctx.tensors.read(handle)).values as Float32Array;
}

/**
 * Prunes floor(sparsity x n) of the n elements of `weights` together, by magnitude, exactly: the
 * kernels find the threshold t and zero every |w| <= t; when several elements have magnitude t
 * exactly, that can prune a few more than asked, so the surplus ties are restored, the last ones in
 * weight then element order (the first ties stay pruned, as the kernels' tie rule has it). Zeros
 * already in the weights count as pruned; when they alone exceed the target, the sparsity is theirs.
 */
export async function pruneTogether(ctx: StageContext, weights: readonly WeightView[], sparsity: number): Promise<PrunedWeight[]> {
  const total = weights.reduce((sum, weight) => sum + elementsOf(weight), 0);
  const target = Math.floor(sparsity * total);
  const threshold = await ctx.kernels.magnitudeThreshold(
    weights.map((weight) => weight.tensor),
    sparsity,
  );
  const results: PrunedWeight[] = [];
  let zeros = 0;
  for (const weight of weights) {
    ctx.signal.throwIfAborted();
    const pruned = await ctx.kernels.magnitudePrune(weight.tensor, threshold);
    const count = countZeros(await floatValues(ctx, pruned));
    zeros += count;
    results.push({ weight, pruned, elements: elementsOf(weight), zeros: count });
  }
  let surplus = threshold > 0 ? zeros - target : 0;
  for (let w = results.length - 1; w >= 0 && surplus > 0; w--) {
    const result = results[w] as PrunedWeight;
    const original = await floatValues(ctx, result.weight.tensor);
    const values = await floatValues(ctx, result.pruned);
    let restored = 0;
    for (let i = values.length - 1; i >= 0 && surplus > 0; i--) {
      const value = original[i] as number;
      if (values[i] === 0 && value !== 0 && Math.abs(value) === threshold) {
        values[i] = value;
        restored++;
        surplus--;
      }
    }
    if (restored === 0) continue;
    const replacement = await ctx.tensors.write({ dataType: result.pruned.dataType, dims: result.pruned.dims, values });
    await ctx.tensors.release([result.pruned]);
    results[w] = { ...result, pruned: replacement, zeros: result.zeros - restored };
  }
  return results;
}
