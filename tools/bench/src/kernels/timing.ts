/** Median wall time of an async operation after warm-up, with a repetition count fitted to a time budget. */

export interface TimingBudget {
  /** Time to spend measuring one case (after warm-up). */
  readonly targetMs: number;
  readonly minRuns: number;
  readonly maxRuns: number;
}

export async function medianSeconds(run: () => Promise<unknown>, budget: TimingBudget): Promise<{ seconds: number; runs: number }> {
  await run();
  const first = performance.now();
  await run();
  const once = Math.max(0.01, performance.now() - first);
  const runs = Math.max(budget.minRuns, Math.min(budget.maxRuns, Math.ceil(budget.targetMs / once)));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const mid = Math.floor(samples.length / 2);
  const median = samples.length % 2 === 1 ? (samples[mid] as number) : ((samples[mid - 1] as number) + (samples[mid] as number)) / 2;
  return { seconds: median / 1000, runs };
}
