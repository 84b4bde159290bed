/**
 * Unstructured magnitude pruning: the exact threshold for a target sparsity, over several tensors
 * at once (global) or one tensor at a time, found by radix selection in native code
 * (src/native/sparse_magnitude.cc) rather than a sort, and applying it as a mask.
 *
 * Tie rule. With n elements and k = floor(sparsity * n) to prune, `threshold` is the (k+1)-th
 * smallest |w| (+Infinity when k = n). Every |w| < threshold is pruned (fewer than or exactly k of
 * them), then the first `tiesToPrune` elements with |w| == threshold, in tensor order then element
 * order, so that exactly k elements are pruned. +0 and -0 are the same magnitude. NaN is rejected.
 *
 * Trust boundary (kernel calls): tensors, sparsity, the threshold record and the thread count are
 * checked here; NaN inside a tensor is found by the native pass and reported as INVALID_ARGUMENT.
 * Tests: magnitude-pruning.test.ts.
 */
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectFiniteNumber, expectInteger, expectMaxElements, expectOneOf, expectTensor, expectThreads, invalidArgument } from './validate';

export interface MagnitudeThreshold {
  /** The (k+1)-th smallest magnitude; +Infinity when every element is pruned. */
  readonly threshold: number;
  /** k = floor(sparsity * n): how many elements the mask prunes. */
  readonly pruneCount: number;
  /** Elements with |w| == threshold that are pruned too, the first ones in tensor then element order. */
  readonly tiesToPrune: number;
}

export interface MaskedTensor {
  /** A copy of the tensor with pruned elements set to +0. */
  readonly pruned: Tensor<Float32Array>;
  /** 1 where the element is kept, 0 where it is pruned. */
  readonly mask: Uint8Array;
}

export interface MagnitudePruneOptions extends KernelCallOptions {
  /** 'global' (default): one threshold over all tensors; 'per-tensor': the sparsity within each tensor. */
  scope?: 'global' | 'per-tensor';
}

export function expectSparsity(name: string, value: unknown): number {
  const sparsity = expectFiniteNumber(name, value);
  if (sparsity < 0 || sparsity > 1) {
    throw invalidArgument(`Expected a number between 0 and 1 for ${name} but received ${sparsity}`, name);
  }
  return sparsity;
}

function expectTensorList(name: string, value: unknown, maxElements: number): Tensor<Float32Array>[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 65536) {
    throw invalidArgument(`Expected a non-empty array of at most 65536 tensors for ${name}`, name);
  }
  return value.map((t, i) => expectTensor(`${name}[${i}]`, t, [Float32Array], maxElements));
}

function totalElements(tensors: readonly Tensor<Float32Array>[]): number {
  return tensors.reduce((sum, t) => sum + t.data.length, 0);
}

/** The global threshold that prunes floor(sparsity * n) of the n elements of all `tensors` together. */
export async function magnitudeThreshold(
  tensors: readonly Tensor<Float32Array>[],
  sparsity: number,
  options: KernelCallOptions = {},
): Promise<MagnitudeThreshold> {
  const checked = expectTensorList('tensors', tensors, expectMaxElements(options.maxElements));
  const fraction = expectSparsity('sparsity', sparsity);
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const pruneCount = Math.floor(fraction * totalElements(checked));
  const { threshold, below } = await callNative('magnitudeThreshold', () =>
    native.magnitudeThreshold(
      checked.map((t) => t.data),
      pruneCount,
      threads,
      cancel,
    ),
  );
  return { threshold, pruneCount, tiesToPrune: pruneCount - below };
}

function expectThresholdRecord(value: unknown, total: number): MagnitudeThreshold {
  if (typeof value !== 'object' || value === null) {
    throw invalidArgument('Expected { threshold, pruneCount, tiesToPrune } for threshold', 'threshold');
  }
  const record = value as Record<string, unknown>;
  const threshold = record.threshold;
  if (typeof threshold !== 'number' || !(threshold >= 0)) {
    throw invalidArgument(`Expected a magnitude >= 0 (or Infinity) for threshold.threshold but received ${String(threshold)}`, 'threshold.threshold');
  }
  return {
    threshold,
    pruneCount: expectInteger('threshold.pruneCount', record.pruneCount, 0, total),
    tiesToPrune: expectInteger('threshold.tiesToPrune', record.tiesToPrune, 0, total),
  };
}

/** Applies a threshold from magnitudeThreshold to the same tensors, in the same order. */
export async function applyMagnitudeMask(
  tensors: readonly Tensor<Float32Array>[],
  threshold: MagnitudeThreshold,
  options: KernelCallOptions = {},
): Promise<MaskedTensor[]> {
  const checked = expectTensorList('tensors', tensors, expectMaxElements(options.maxElements));
  const record = expectThresholdRecord(threshold, totalElements(checked));
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const outputs = checked.map((t) => new Float32Array(t.data.length));
  const masks = checked.map((t) => new Uint8Array(t.data.length));
  await callNative('applyMagnitudeMask', () =>
    native.applyMagnitudeMask(
      checked.map((t) => t.data),
      outputs,
      masks,
      record.threshold,
      record.tiesToPrune,
      threads,
      cancel,
    ),
  );
  return checked.map((t, i) => ({ pruned: { data: outputs[i] as Float32Array, shape: t.shape }, mask: masks[i] as Uint8Array }));
}

/** Prunes the smallest magnitudes: globally over all tensors, or to the same sparsity within each. */
export async function pruneByMagnitude(
  tensors: readonly Tensor<Float32Array>[],
  sparsity: number,
  options: MagnitudePruneOptions = {},
): Promise<MaskedTensor[]> {
  const scope = expectOneOf('scope', options.scope ?? 'global', ['global', 'per-tensor'] as const);
  if (scope === 'global') return applyMagnitudeMask(tensors, await magnitudeThreshold(tensors, sparsity, options), options);
  const checked = expectTensorList('tensors', tensors, expectMaxElements(options.maxElements));
  const results: MaskedTensor[] = [];
  for (const tensor of checked) {
    const threshold = await magnitudeThreshold([tensor], sparsity, options);
    results.push(...(await applyMagnitudeMask([tensor], threshold, options)));
  }
  return results;
}
