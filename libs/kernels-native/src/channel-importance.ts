/**
 * Channel importance for structured pruning: the L1 or L2 norm of every slice along `axis`
 * (axis 0 of a Conv weight [Cout, Cin, kh, kw] gives one score per output channel; a MatMul weight
 * [K, N] has its output channels on axis 1). Sums run in double precision.
 * Native code: src/native/sparse_channel_importance.cc.
 *
 * Trust boundary (kernel calls): tensor, axis, norm and thread count are checked here.
 * Tests: channel-importance.test.ts.
 */
import { aroundAxis } from './axis-view';
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectAxis, expectMaxElements, expectOneOf, expectTensor, expectThreads } from './validate';

export interface ChannelImportanceOptions extends KernelCallOptions {
  /** The channel axis (negative counts from the end); default 0. */
  axis?: number;
  /** 'l1' (sum of |w|, default) or 'l2' (square root of the sum of squares). */
  norm?: 'l1' | 'l2';
}

/** One score per index of `axis`: the norm of all elements in that slice. */
export async function channelImportance(tensor: Tensor<Float32Array>, options: ChannelImportanceOptions = {}): Promise<Float64Array> {
  const input = expectTensor('tensor', tensor, [Float32Array], expectMaxElements(options.maxElements));
  const axis = expectAxis('axis', options.axis ?? 0, input.shape.length);
  const norm = expectOneOf('norm', options.norm ?? 'l1', ['l1', 'l2'] as const);
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const [outer, length, inner] = aroundAxis(input.shape, axis);
  const scores = new Float64Array(length);
  await callNative('channelImportance', () =>
    native.channelImportance(input.data, scores, outer, length, inner, norm === 'l1' ? 1 : 2, threads, cancel),
  );
  return scores;
}
