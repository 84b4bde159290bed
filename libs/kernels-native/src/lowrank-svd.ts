/**
 * Truncated SVD of an fp32 matrix, for replacing a MatMul/Gemm weight W [m, n] by two smaller
 * ones: randomized range finding with oversampling and power iterations, then an exact SVD of the
 * small projection (native code: src/native/lowrank_svd.cc and the linalg_* files). Deterministic
 * for a seed. When rank + oversample reaches min(m, n) the result is the exact SVD.
 *
 * Selection: a fixed `rank`, or the smallest rank whose components keep at least `energy` of
 * ||W||_F^2 (searched within `maxRank` components; if even those keep less, all of them are
 * returned and `retainedEnergy` says how much they keep). The reconstruction error is exactly the
 * discarded energy: ||W - U S Vt||_F^2 = (1 - retainedEnergy) ||W||_F^2.
 *
 * Trust boundary (kernel calls): matrix shape and dtype, rank/energy/maxRank ranges, oversample,
 * power iterations, seed, thread count and the element cap are checked here. Tests: lowrank-svd.test.ts.
 */
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectFiniteNumber, expectInteger, expectMaxElements, expectTensor, expectThreads, invalidArgument } from './validate';

/** Most components any low-rank operation computes (the projected SVD costs O(rank^3)). */
export const MAX_LOW_RANK = 1024;

export interface LowRankOptions extends KernelCallOptions {
  /** Extra sketch columns beyond the rank (0 to 256; default 10). */
  oversample?: number;
  /** Power iterations (0 to 20; default 2): more sharpen slowly decaying spectra. */
  powerIterations?: number;
  /** Seed of the Gaussian sketch (integer 0 to 2^53 - 1; default 0). */
  seed?: number;
}

export type RankSelection = { rank: number } | { energy: number; maxRank?: number };

export interface TruncatedSvd {
  /** [m, rank], orthonormal columns. */
  readonly u: Tensor<Float32Array>;
  /** rank singular values, descending. */
  readonly s: Float64Array;
  /** [rank, n], orthonormal rows (a row whose singular value is 0 is zero). */
  readonly vt: Tensor<Float32Array>;
  readonly rank: number;
  /** sum(s^2) / ||W||_F^2 (1 for an all-zero matrix). */
  readonly retainedEnergy: number;
}

export interface LowRankFactors {
  /** U diag(sqrt(s)) [m, rank]: W ~ a x b. */
  readonly a: Tensor<Float32Array>;
  /** diag(sqrt(s)) Vt [rank, n]. */
  readonly b: Tensor<Float32Array>;
  readonly rank: number;
  readonly retainedEnergy: number;
}

export interface SketchSettings {
  oversample: number;
  powerIterations: number;
  seed: number;
  threads: number;
}

export function expectSketchSettings(options: LowRankOptions): SketchSettings {
  return {
    oversample: expectInteger('oversample', options.oversample ?? 10, 0, 256),
    powerIterations: expectInteger('powerIterations', options.powerIterations ?? 2, 0, 20),
    seed: expectInteger('seed', options.seed ?? 0, 0, Number.MAX_SAFE_INTEGER),
    threads: expectThreads(options.threads),
  };
}

function expectSelection(selection: unknown, limit: number): { rank: number; energy: number } {
  if (typeof selection !== 'object' || selection === null) {
    throw invalidArgument('Expected { rank } or { energy, maxRank? } for selection', 'selection');
  }
  const s = selection as Record<string, unknown>;
  if ('rank' in s) return { rank: expectInteger('rank', s.rank, 1, limit), energy: -1 };
  if (!('energy' in s)) throw invalidArgument('Expected { rank } or { energy, maxRank? } for selection', 'selection');
  const energy = expectFiniteNumber('energy', s.energy);
  if (!(energy > 0 && energy <= 1)) throw invalidArgument(`Expected a number in (0, 1] for energy but received ${energy}`, 'energy');
  return { rank: expectInteger('maxRank', s.maxRank ?? Math.min(limit, 256), 1, limit), energy };
}

export async function truncatedSvd(matrix: Tensor<Float32Array>, selection: RankSelection, options: LowRankOptions = {}): Promise<TruncatedSvd> {
  const t = expectTensor('matrix', matrix, [Float32Array], expectMaxElements(options.maxElements));
  if (t.shape.length !== 2) throw invalidArgument(`Expected a 2-D tensor for matrix but received shape [${t.shape.join(', ')}]`, 'matrix.shape');
  const [m, n] = t.shape as [number, number];
  const { rank, energy } = expectSelection(selection, Math.min(m, n, MAX_LOW_RANK));
  const sketch = expectSketchSettings(options);
  const cancel = cancelFlagFor(options.signal);
  const result = await callNative('truncatedSvd', () =>
    native.truncatedSvd(t.data, m, n, rank, sketch.oversample, sketch.powerIterations, sketch.seed, energy, sketch.threads, cancel),
  );
  const kept = result.s.reduce((sum, v) => sum + v * v, 0);
  return {
    u: { data: result.u, shape: [m, result.rank] },
    s: result.s,
    vt: { data: result.vt, shape: [result.rank, n] },
    rank: result.rank,
    retainedEnergy: result.totalEnergy > 0 ? Math.min(1, kept / result.totalEnergy) : 1,
  };
}

/** Two factors that replace one weight: W [m, n] ~ a [m, r] x b [r, n], each carrying sqrt(s). */
export async function lowRankFactors(matrix: Tensor<Float32Array>, selection: RankSelection, options: LowRankOptions = {}): Promise<LowRankFactors> {
  const svd = await truncatedSvd(matrix, selection, options);
  const [m, r] = svd.u.shape as [number, number];
  const n = svd.vt.shape[1] as number;
  const root = Array.from(svd.s, Math.sqrt);
  const a = new Float32Array(m * r);
  for (let i = 0; i < m; i++) for (let j = 0; j < r; j++) a[i * r + j] = (svd.u.data[i * r + j] as number) * (root[j] as number);
  const b = new Float32Array(r * n);
  for (let j = 0; j < r; j++) for (let c = 0; c < n; c++) b[j * n + c] = (svd.vt.data[j * n + c] as number) * (root[j] as number);
  return { a: { data: a, shape: [m, r] }, b: { data: b, shape: [r, n] }, rank: svd.rank, retainedEnergy: svd.retainedEnergy };
}
