/**
 * Weight clustering: 1-D k-means over all elements of a tensor (k-means++ seeding, Lloyd
 * iterations), returning a palette (codebook) and one 8-bit index per weight, as Deep Compression
 * and palettized weight formats store them. Deterministic for a given seed, on any thread count.
 * Native code: src/native/kmeans_1d.cc, kmeans_sorted_values.cc.
 *
 * Trust boundary (kernel calls): the tensor, k, seed, iteration limit, tolerance and thread count
 * are checked here; non-finite weights are reported by the native pass as INVALID_ARGUMENT.
 * Tests: kmeans.test.ts.
 */
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectFiniteNumber, expectInteger, expectMaxElements, expectTensor, expectThreads, invalidArgument } from './validate';

export interface KMeansOptions extends KernelCallOptions {
  /** Seed of the k-means++ draws (integer 0 to 2^53 - 1; default 0). */
  seed?: number;
  /** Most Lloyd iterations (1 to 100000; default 1000). An iteration costs O(k log n), not a pass over the data. */
  maxIterations?: number;
  /** Stop when an iteration lowers the squared error by at most this fraction of it (default 0: run until the centres stop moving). */
  tolerance?: number;
}

export interface KMeansResult {
  /** Cluster centres in ascending order; at most k (fewer when the data has fewer distinct values). */
  readonly codebook: Float32Array;
  /** Per weight, the index of its nearest centre (ties go to the lower one); same shape as the input. */
  readonly indices: Tensor<Uint8Array>;
  /** Mean squared error between the weights and codebook[indices]. */
  readonly mse: number;
  /** Lloyd iterations run. */
  readonly iterations: number;
}

export async function kmeansCluster(weights: Tensor<Float32Array>, k: number, options: KMeansOptions = {}): Promise<KMeansResult> {
  const input = expectTensor('weights', weights, [Float32Array], expectMaxElements(options.maxElements));
  const clusters = expectInteger('k', k, 1, 256);
  const seed = expectInteger('seed', options.seed ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const maxIterations = expectInteger('maxIterations', options.maxIterations ?? 1000, 1, 100_000);
  const tolerance = expectFiniteNumber('tolerance', options.tolerance ?? 0);
  if (tolerance < 0) throw invalidArgument(`Expected a number >= 0 for tolerance but received ${tolerance}`, 'tolerance');
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const indices = new Uint8Array(input.data.length);
  const result = await callNative('kmeansCluster', () =>
    native.kmeans1d(input.data, indices, clusters, seed, maxIterations, tolerance, threads, cancel),
  );
  return { codebook: result.codebook, indices: { data: indices, shape: input.shape }, mse: result.mse, iterations: result.iterations };
}
