/**
 * npm run bench:kernels [-- --quick] [-- --out FILE]
 *
 * Our kernels against ONNX Runtime (and plain JavaScript where ORT has no equivalent) in one
 * process and one run, at the shapes and thread counts of issue 3; the gRPC case runs the kernel
 * server in a separate process. Prints a table, one JSON line per case, and the goals as
 * ratios with PASS/FAIL. --quick runs the goal cases at their shapes only (under a minute).
 * Other work on the machine shows in the timings: the load average is printed before and after.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { int8Kernels, sparseKernels } from '@edgepress/kernels-native';
import { benchGemm, type GemmCase, type Shape } from './gemm-cases';
import { benchQuantize } from './quantize-cases';
import { evaluateGoals, formatGoals, formatTable } from './report';
import type { BenchResult } from './results';
import { benchSparse } from './sparse-cases';
import type { TimingBudget } from './timing';

const ALL_GEMM: ReadonlySet<GemmCase> = new Set(['matmul-fp32', 'int8-dynamic-gemm', 'matmul-integer', 'qlinear-matmul', 'int4-matmul-nbits']);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const quick = values.quick === true;
  const threadCounts = [1, 2];
  const budget: TimingBudget = quick ? { targetMs: 250, minRuns: 3, maxRuns: 50 } : { targetMs: 1000, minRuns: 5, maxRuns: 200 };
  const results: BenchResult[] = [];
  const report = (r: BenchResult): void => {
    results.push(r);
    process.stdout.write(`${JSON.stringify(r)}\n`);
  };

  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  process.stdout.write(
    `# bench:kernels ${quick ? '(quick)' : '(full)'}: ${availableParallelism()} CPUs, load average ${load()}, int8 kernel ${int8Kernels().auto}, sparse kernel ${sparseKernels().auto}\n`,
  );

  const gemmShapes: Shape[] = quick ? [{ m: 256, k: 1024, n: 1024 }] : [{ m: 1, k: 4096, n: 4096 }, { m: 64, k: 1024, n: 1024 }, { m: 256, k: 1024, n: 1024 }, { m: 1024, k: 1024, n: 1024 }];
  for (const shape of gemmShapes) await benchGemm(shape, threadCounts, quick ? new Set<GemmCase>(['int8-dynamic-gemm']) : ALL_GEMM, budget, report);
  const sparseShapes: Shape[] = quick ? [{ m: 64, k: 1024, n: 1024 }] : gemmShapes;
  for (const shape of sparseShapes) await benchSparse(shape, threadCounts, quick ? [0.9] : [0.5, 0.9, 0.95], budget, report);
  await benchQuantize(64, threadCounts, true, budget, report);

  process.stdout.write(`\n${formatTable(results)}\n\n# goals (issue 3), load average ${load()}\n${formatGoals(evaluateGoals(results, threadCounts))}\n`);
  if (values.out) writeFileSync(values.out, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:kernels failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
