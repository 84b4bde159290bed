/** One measured case, as a table row and a JSON line. */
export interface BenchResult {
  /** What is computed (same case = same arithmetic, so impls compare directly). */
  case: string;
  /** Who computes it: "ort", "edgepress", "plain-js", "edgepress-grpc". */
  impl: string;
  threads: number;
  m: number;
  k: number;
  n: number;
  sparsity: number;
  /** Median wall time of one run. */
  seconds: number;
  /** 2*M*K*N / seconds / 1e9 (dense-equivalent for sparse cases), for products. */
  gops?: number;
  /** Input bytes / seconds / 1e9, for quantization. */
  gbps?: number;
  runs: number;
}

export function productResult(fields: Omit<BenchResult, 'gops' | 'gbps' | 'seconds' | 'runs'>, timing: { seconds: number; runs: number }): BenchResult {
  return { ...fields, ...timing, gops: (2 * fields.m * fields.k * fields.n) / timing.seconds / 1e9 };
}

export function throughputResult(fields: Omit<BenchResult, 'gops' | 'gbps' | 'seconds' | 'runs'>, bytes: number, timing: { seconds: number; runs: number }): BenchResult {
  return { ...fields, ...timing, gbps: bytes / timing.seconds / 1e9 };
}

export function findResult(results: readonly BenchResult[], match: Partial<BenchResult>): BenchResult | undefined {
  return results.find((r) => Object.entries(match).every(([key, value]) => r[key as keyof BenchResult] === value));
}
