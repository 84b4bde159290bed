/** One measured case, as a table row and a JSON line. */
import { otherProcessesMeter } from './machine-load';
import { timeSides, type Side, type SideTiming, type TimingBudget } from './timing';

export interface BenchResult {
  /** What is computed (same case = same arithmetic, so impls compare directly). */
  case: string;
  /** Who computes it: "ort", "edgepress", "plain-js", "edgepress-grpc", ... */
  impl: string;
  threads: number;
  m: number;
  k: number;
  n: number;
  sparsity: number;
  /** Median wall time of one run. */
  seconds: number;
  /** Quartiles of the runs. */
  p25Seconds: number;
  p75Seconds: number;
  /** 2*M*K*N / seconds / 1e9 (dense-equivalent for sparse cases), for products. */
  gops?: number;
  /** Input bytes / seconds / 1e9, for quantization. */
  gbps?: number;
  runs: number;
  /** Cores that other processes of the machine kept busy while this case was measured. */
  otherCores?: number;
}

export type CaseFields = Omit<BenchResult, 'gops' | 'gbps' | 'seconds' | 'p25Seconds' | 'p75Seconds' | 'runs' | 'otherCores' | 'impl'>;

/** How a case's speed is expressed: operations (products) or bytes (quantization) per second. */
export type Work = { ops: number } | { bytes: number };

function result(fields: CaseFields, side: Side, timing: SideTiming, work: Work, otherCores: number | undefined): BenchResult {
  const speed = 'ops' in work ? { gops: work.ops / timing.seconds / 1e9 } : { gbps: work.bytes / timing.seconds / 1e9 };
  return { ...fields, impl: side.impl, threads: side.threads ?? fields.threads, ...timing, ...speed, ...(otherCores === undefined ? {} : { otherCores }) };
}

/** Times the sides of one case against each other (timing.ts) and reports one result per side. */
export async function measureCase(
  fields: CaseFields,
  sides: readonly Side[],
  work: Work,
  budget: TimingBudget,
  report: (r: BenchResult) => void,
  helperPids: readonly number[] = [],
): Promise<void> {
  const others = otherProcessesMeter(helperPids);
  const timings = await timeSides(sides, budget);
  const otherCores = others();
  sides.forEach((side, i) => report(result(fields, side, timings[i] as SideTiming, work, otherCores)));
}

/** 2*M*K*N: the work of a product (dense-equivalent for sparse ones). */
export function productWork(fields: Pick<CaseFields, 'm' | 'k' | 'n'>): Work {
  return { ops: 2 * fields.m * fields.k * fields.n };
}

export function findResult(results: readonly BenchResult[], match: Partial<BenchResult>): BenchResult | undefined {
  return results.find((r) => Object.entries(match).every(([key, value]) => r[key as keyof BenchResult] === value));
}
