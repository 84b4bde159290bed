/**
 * N:M structured sparsity (2:4, 4:8, any 1 <= N < M <= 16): in every group of M consecutive
 * elements along `axis`, keep the N of largest magnitude and zero the rest; ties keep the element
 * that comes first along the axis. M must divide the axis length (a partial group has no N:M
 * meaning for the hardware that runs these masks), otherwise INVALID_ARGUMENT names `m`.
 * Native code: src/native/sparse_nm_mask.cc.
 *
 * Trust boundary (kernel calls): tensor, n, m, axis and thread count are checked here; NaN inside
 * the tensor is reported by the native pass as INVALID_ARGUMENT. Tests: nm-mask.test.ts.
 */
import { aroundAxis } from './axis-view';
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import type { MaskedTensor } from './magnitude-pruning';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectAxis, expectInteger, expectMaxElements, expectTensor, expectThreads, invalidArgument } from './validate';

export interface NmPattern {
  /** Elements kept per group, 1 <= n < m. */
  n: number;
  /** Group size, 2 <= m <= 16; must divide shape[axis]. */
  m: number;
  /** Axis the groups run along (negative counts from the end). Default: the last axis. */
  axis?: number;
}

export async function nmMask(tensor: Tensor<Float32Array>, pattern: NmPattern, options: KernelCallOptions = {}): Promise<MaskedTensor> {
  const input = expectTensor('tensor', tensor, [Float32Array], expectMaxElements(options.maxElements));
  if (typeof pattern !== 'object' || pattern === null) throw invalidArgument('Expected { n, m, axis? } for pattern', 'pattern');
  const m = expectInteger('m', pattern.m, 2, 16);
  const n = expectInteger('n', pattern.n, 1, m - 1);
  const axis = expectAxis('axis', pattern.axis ?? -1, input.shape.length);
  const [outer, length, inner] = aroundAxis(input.shape, axis);
  if (length % m !== 0) {
    throw invalidArgument(`Expected m to divide the length ${length} of axis ${axis} but received ${m}`, 'm');
  }
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const out = new Float32Array(input.data.length);
  const mask = new Uint8Array(input.data.length);
  await callNative('nmMask', () => native.nmMask(input.data, out, mask, outer, length, inner, n, m, threads, cancel));
  return { pruned: { data: out, shape: input.shape }, mask };
}
