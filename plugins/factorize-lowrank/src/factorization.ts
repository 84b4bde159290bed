import type { StageContext, TensorHandle } from '@edgepress/plugin-sdk';

/** What factorizing one layer did, for the stage report. */
export interface Factorization {
  readonly node: string;
  readonly method: 'svd' | 'tucker2';
  /** [rank] for SVD, [outRank, inRank] for Tucker-2. */
  readonly ranks: readonly number[];
  /** ||W - reconstruction||_F^2 / ||W||_F^2 as the kernel reports it. */
  readonly relativeError: number;
  readonly parametersBefore: number;
  readonly parametersAfter: number;
  /** Multiply-adds per output position (row of a MatMul/Gemm output, pixel of a Conv output). */
  readonly macsBefore: number;
  readonly macsAfter: number;
}

/** A layer left as it was, and why. */
export interface Skipped {
  readonly node: string;
  readonly reason: string;
}

export type LayerOutcome = { readonly done: Factorization } | { readonly skipped: Skipped };

/** Adds a new initializer named after `prefix` holding `tensor`; returns its name. */
export async function addWeight(ctx: StageContext, prefix: string, tensor: TensorHandle): Promise<string> {
  const name = await ctx.model.uniqueName(prefix);
  await ctx.model.setWeight(name, tensor);
  return name;
}

/** The same values under other dims (a copy through the sandbox; factor matrices are small). */
export async function reshaped(ctx: StageContext, tensor: TensorHandle, dims: readonly number[]): Promise<TensorHandle> {
  const data = await ctx.tensors.read(tensor);
  return ctx.tensors.write({ dataType: data.dataType, dims, values: data.values });
}
