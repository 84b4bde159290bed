/**
 * Fair timing of two or more implementations of one case in the same process.
 *
 * The sides must not disturb each other: ONNX Runtime's intra-op pool threads spin for tens of
 * milliseconds after a run and take a core from whatever runs next in the process (measured:
 * a 2-thread int8 GEMM of ours went from 0.8 to 4.7 ms right after ORT runs). So each side is
 * timed in blocks of back-to-back calls (where its own warm pool helps it, as in a model loop),
 * and before every block the process is left idle until no thread of it uses the CPU any more.
 * Blocks of the sides alternate over several rounds, the order flipping every round, so that load
 * from other processes, which drifts, falls on every side alike. A side's time is the median of
 * all its calls.
 */

export interface TimingBudget {
  /** Time to spend on one side of a case, all rounds together (after warm-up). */
  readonly targetMs: number;
  /** Rounds of alternating blocks. */
  readonly rounds: number;
  /** Calls per side, all rounds together: at least, at most. */
  readonly minRuns: number;
  readonly maxRuns: number;
}

export interface Side {
  readonly impl: string;
  /** Threads of this side when they differ from the case's (plain JS runs on one). */
  readonly threads?: number;
  readonly run: () => Promise<unknown>;
}

export interface SideTiming {
  /** Median wall time of one call. */
  readonly seconds: number;
  /** Quartiles of the calls (how steady the measurement was). */
  readonly p25Seconds: number;
  readonly p75Seconds: number;
  readonly runs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Below this share of one core the process counts as idle (timers and GC helpers stay under it). */
const IDLE_CORES = 0.1;
const QUIESCE_WINDOW_MS = 5;
const QUIESCE_MAX_MS = 1000;

/**
 * Waits until the process has used less than IDLE_CORES of a core over two consecutive 5 ms
 * windows (ORT's spinning pool threads have gone to sleep), or at most a second. Returns the
 * time waited, in ms.
 */
export async function quiesce(): Promise<number> {
  const start = performance.now();
  let quiet = 0;
  while (quiet < 2 && performance.now() - start < QUIESCE_MAX_MS) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await sleep(QUIESCE_WINDOW_MS);
    const used = process.cpuUsage(cpu);
    const cores = (used.user + used.system) / 1000 / (performance.now() - t);
    quiet = cores < IDLE_CORES ? quiet + 1 : 0;
  }
  return performance.now() - start;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}

async function timedBlock(run: () => Promise<unknown>, calls: number, samples: number[]): Promise<void> {
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
}

/** Times every side in isolation (see the module comment); returns one timing per side, in order. */
export async function timeSides(sides: readonly Side[], budget: TimingBudget): Promise<SideTiming[]> {
  // Warm-up, and a first estimate of each side's call time for the block sizes.
  const callsPerBlock: number[] = [];
  for (const side of sides) {
    await quiesce();
    await side.run();
    const start = performance.now();
    await side.run();
    const once = Math.max(0.01, performance.now() - start);
    const total = Math.max(budget.minRuns, Math.min(budget.maxRuns, Math.ceil(budget.targetMs / once)));
    callsPerBlock.push(Math.max(1, Math.ceil(total / budget.rounds)));
  }
  const samples = sides.map((): number[] => []);
  for (let round = 0; round < budget.rounds; round++) {
    const order = sides.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      await quiesce();
      await timedBlock((sides[i] as Side).run, callsPerBlock[i] as number, samples[i] as number[]);
    }
  }
  return samples.map((ms) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return { seconds: quantile(sorted, 0.5) / 1000, p25Seconds: quantile(sorted, 0.25) / 1000, p75Seconds: quantile(sorted, 0.75) / 1000, runs: sorted.length };
  });
}
