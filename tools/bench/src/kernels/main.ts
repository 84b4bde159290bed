/**
 * npm run bench:kernels [-- --quick] [-- --out FILE]
 *
 * Our kernels against ONNX Runtime (and plain JavaScript where ORT has no equivalent) in one
 * process and one run, at the shapes and thread counts of issue 3; the gRPC cases run the kernel
 * server in a separate process. Prints how it measures, a table, one JSON line per case, and the
 * issue's goals as ratios with PASS/FAIL. --quick runs the goal cases at their shapes only (under
 * a minute). Other work on the machine shows in the timings: the load average is printed before
 * and after, and every row says how many cores other processes used while it was measured.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { int8Kernels, sparseKernels } from '@edgepress/kernels-native';
import { benchGemm, type GemmCase, type Shape } from './gemm-cases';
import { benchQuantize } from './quantize-cases';
import { loadAverageText, machineIsBusy } from './machine-load';
import { evaluateGoals, formatGoals, formatTable } from './report';
import type { BenchResult } from './results';
import { benchSparse } from './sparse-cases';
import type { TimingBudget } from './timing';

const METHOD = [
  '# method: each case times its implementations against each other in the same process, in blocks of back-to-back calls',
  '#   that alternate over several rounds (order flipped every round); before every block the process idles until none of',
  "#   its threads uses the CPU (ONNX Runtime's spinning pool threads would otherwise take a core from the next block).",
  '#   ORT runs in its default (fastest) configuration: intra-op threads = thr, pool threads spinning between its runs;',
  '#   one session per case, released after it. Constant weights are prepared once on both sides (ORT pre-packs',
  '#   initializers); our SpMM writes into a reused output array. ms = median per call, p25-p75 its quartiles;',
  '#   others = cores that other processes of the machine used meanwhile (the kernel server counts as ours).',
  '',
].join('\n');

const ALL_GEMM: ReadonlySet<GemmCase> = new Set(['matmul-fp32', 'int8-dynamic-gemm', 'matmul-integer', 'qlinear-matmul', 'int4-matmul-nbits']);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const quick = values.quick === true;
  const threadCounts = [1, 2];
  const budget: TimingBudget = quick ? { targetMs: 200, rounds: 3, minRuns: 3, maxRuns: 60 } : { targetMs: 800, rounds: 5, minRuns: 10, maxRuns: 400 };
  const results: BenchResult[] = [];
  const report = (r: BenchResult): void => {
    results.push(r);
    process.stdout.write(`${JSON.stringify(r)}\n`);
  };

  process.stdout.write(
    `# bench:kernels ${quick ? '(quick)' : '(full)'}: ${availableParallelism()} CPUs, load average ${loadAverageText()}, int8 kernel ${int8Kernels().auto}, sparse kernel ${sparseKernels().auto}\n${METHOD}`,
  );
  const warnIfBusy = (when: string) => {
    if (machineIsBusy()) process.stdout.write(`# WARNING: the machine is busy ${when} (load average ${loadAverageText()}): other processes take CPU from both sides; see the "others" column\n`);
  };
  warnIfBusy('at the start');

  const gemmShapes: Shape[] = quick ? [{ m: 256, k: 1024, n: 1024 }] : [{ m: 1, k: 4096, n: 4096 }, { m: 64, k: 1024, n: 1024 }, { m: 256, k: 1024, n: 1024 }, { m: 1024, k: 1024, n: 1024 }];
  for (const shape of gemmShapes) await benchGemm(shape, threadCounts, quick ? new Set<GemmCase>(['int8-dynamic-gemm']) : ALL_GEMM, budget, report);
  const sparseShapes: Shape[] = quick ? [{ m: 64, k: 1024, n: 1024 }] : gemmShapes;
  for (const shape of sparseShapes) await benchSparse(shape, threadCounts, quick ? [0.9] : [0.5, 0.9, 0.95], budget, report);
  await benchQuantize(64, threadCounts, true, budget, report);

  process.stdout.write(`\n${formatTable(results)}\n\n# goals (issue 3), load average ${loadAverageText()}\n${formatGoals(evaluateGoals(results, threadCounts))}\n`);
  warnIfBusy('at the end');
  if (values.out) writeFileSync(values.out, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:kernels failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
