/** The table, and the goals of issue 3 as ratios from the same run. */
import { findResult, type BenchResult } from './results';

const ANCHOR: Record<string, string> = { edgepress: 'ort', 'edgepress-grpc': 'edgepress', 'edgepress-grpc-shm': 'edgepress', 'edgepress-grpc-shm-copy': 'edgepress' };

/** The result this one is compared with: ORT (dense ORT for SpMM), plain JS, or in-process for gRPC. */
export function anchorOf(results: readonly BenchResult[], r: BenchResult): BenchResult | undefined {
  const key = { case: r.case, m: r.m, k: r.k, n: r.n, sparsity: r.sparsity };
  if (r.case === 'spmm' && r.impl === 'edgepress') return findResult(results, { ...key, threads: r.threads, impl: 'ort-dense' });
  if (r.case === 'quantize-per-channel-int8' && r.impl === 'edgepress') return findResult(results, { ...key, impl: 'plain-js' });
  const impl = ANCHOR[r.impl];
  return impl === undefined ? undefined : findResult(results, { ...key, threads: r.threads, impl });
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function formatTable(results: readonly BenchResult[]): string {
  const header = ['case', 'impl', 'thr', 'M,K,N', 'sparsity', 'ms', 'p25-p75 ms', 'GOPS/GBps', 'vs anchor', 'others'];
  const rows = results.map((r) => {
    const anchor = anchorOf(results, r);
    const speed = r.gops !== undefined ? `${r.gops.toFixed(1)} GOPS` : `${(r.gbps ?? 0).toFixed(2)} GB/s`;
    const ratio = anchor === undefined ? '' : `${(anchor.seconds / r.seconds).toFixed(2)}x ${anchor.impl}`;
    const spread = `${(r.p25Seconds * 1000).toFixed(2)}-${(r.p75Seconds * 1000).toFixed(2)}`;
    const others = r.otherCores === undefined ? '' : r.otherCores.toFixed(2);
    return [r.case, r.impl, String(r.threads), `${r.m},${r.k},${r.n}`, r.sparsity ? `${Math.round(r.sparsity * 100)}%` : '', (r.seconds * 1000).toFixed(2), spread, speed, ratio, others];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] as number, (i >= 5 && i <= 7) || i === 9)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface GoalResult {
  goal: string;
  /** How many times faster (or, for gRPC, slower) than the reference. */
  ratio: number | undefined;
  pass: boolean | undefined;
  /** A figure shown next to the goals that is not itself a goal. */
  informative?: boolean;
}

function goal(name: string, ours: BenchResult | undefined, reference: BenchResult | undefined, check: (speedup: number) => boolean, slowdown = false): GoalResult {
  if (ours === undefined || reference === undefined) return { goal: name, ratio: undefined, pass: undefined };
  const ratio = slowdown ? ours.seconds / reference.seconds : reference.seconds / ours.seconds;
  return { goal: name, ratio, pass: check(ratio) };
}

export function evaluateGoals(results: readonly BenchResult[], threadCounts: readonly number[]): GoalResult[] {
  const goals: GoalResult[] = [];
  const at = (fields: Partial<BenchResult>) => findResult(results, fields);
  for (const threads of threadCounts) {
    const shape = { m: 256, k: 1024, n: 1024, threads, case: 'int8-dynamic-gemm' };
    goals.push(goal(`int8 GEMM (dynamic A) >= 1.0x ORT DynamicQuantizeMatMul at (256,1024,1024), ${threads} thread(s)`, at({ ...shape, impl: 'edgepress' }), at({ ...shape, impl: 'ort' }), (r) => r >= 1));
  }
  for (const threads of threadCounts) {
    const shape = { m: 64, k: 1024, n: 1024, threads, case: 'spmm', sparsity: 0.9 };
    goals.push(goal(`SpMM at 90% >= 3x ORT dense fp32 MatMul at (64,1024,1024), ${threads} thread(s)`, at({ ...shape, impl: 'edgepress' }), at({ ...shape, impl: 'ort-dense' }), (r) => r >= 3));
  }
  for (const threads of threadCounts) {
    const q = { case: 'quantize-per-channel-int8' };
    goals.push(goal(`per-channel int8 quantization >= 10x plain JS, ${threads} thread(s)`, at({ ...q, impl: 'edgepress', threads }), at({ ...q, impl: 'plain-js' }), (r) => r >= 10));
  }
  for (const threads of threadCounts) {
    const q = { case: 'quantize-per-channel-int8', threads };
    const inProcess = at({ ...q, impl: 'edgepress' });
    goals.push(goal(`64 MB quantization through gRPC (same-host shared memory) within 2x of in-process (time ratio), ${threads} thread(s)`, at({ ...q, impl: 'edgepress-grpc-shm' }), inProcess, (r) => r <= 2, true));
    const copied = goal(`  the same with the tensor copied into shared memory on every call, ${threads} thread(s)`, at({ ...q, impl: 'edgepress-grpc-shm-copy' }), inProcess, (r) => r <= 2, true);
    const streamed = goal(`  the same streamed over TCP (what a remote server gets), ${threads} thread(s)`, at({ ...q, impl: 'edgepress-grpc' }), inProcess, (r) => r <= 2, true);
    goals.push({ ...copied, informative: true }, { ...streamed, informative: true });
  }
  return goals;
}

function status(g: GoalResult): string {
  if (g.pass === undefined) return 'SKIP';
  if (g.informative) return 'INFO';
  return g.pass ? 'PASS' : 'FAIL';
}

export function formatGoals(goals: readonly GoalResult[]): string {
  return goals.map((g) => `${status(g)}  ${g.ratio === undefined ? '   -  ' : `${g.ratio.toFixed(2)}x`.padStart(6)}  ${g.goal}`).join('\n');
}
