/**
 * Per-node timing from ONNX Runtime's own profiler: the session writes a Chrome-trace JSON file
 * with one `<node>_kernel_time` event per node per run; we group the events by run (the
 * `model_run` events), drop the warm-up runs, take each node's median, and delete the file.
 * Node names are those of the graph ONNX Runtime executed: at optimization level 'all' fused nodes
 * carry ONNX Runtime's names (e.g. `conv_1_nchwc`); profile at 'disabled' to see the model's own
 * nodes one to one. Like every latency here, a measurement on this host, not on the target.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SampleTensor } from '../data/sample';
import { summarizeTimes } from './latency';
import { OrtModelSession, type SessionSettings } from './ort-session';

export interface NodeProfile {
  readonly node: string;
  readonly opType: string;
  readonly provider: string;
  /** Median over the timed runs of the node's time in one run (microseconds). */
  readonly medianUs: number;
  readonly meanUs: number;
  /** Timed runs the node appeared in. */
  readonly runs: number;
}

export interface ProfileOptions {
  readonly warmupRuns?: number;
  readonly runs?: number;
  readonly session?: Omit<SessionSettings, 'profileFilePrefix'>;
}

interface TraceEvent {
  readonly cat?: unknown;
  readonly name?: unknown;
  readonly ts?: unknown;
  readonly dur?: unknown;
  readonly args?: { readonly op_name?: unknown; readonly provider?: unknown };
}

const MAX_PROFILE_BYTES = 512 * 1024 * 1024;

/** Profiles a model on `feeds`; returns nodes sorted by median time, slowest first. */
export async function profileModel(modelBytes: Uint8Array, feeds: Readonly<Record<string, SampleTensor>>, options: ProfileOptions = {}): Promise<NodeProfile[]> {
  const warmupRuns = options.warmupRuns ?? 1;
  const runs = options.runs ?? 5;
  if (!Number.isSafeInteger(warmupRuns) || warmupRuns < 0 || !Number.isSafeInteger(runs) || runs < 1 || warmupRuns + runs > 10_000) {
    throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Expected warmupRuns >= 0 and runs >= 1 (at most 10000 in all) but received ${warmupRuns} and ${runs}`);
  }
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'edgepress-profile-'));
  try {
    const session = await OrtModelSession.create(modelBytes, { ...options.session, profileFilePrefix: path.join(folder, 'profile') });
    try {
      for (let i = 0; i < warmupRuns + runs; i++) await session.run(feeds);
      session.endProfiling();
    } finally {
      await session.release();
    }
    const files = (await fs.readdir(folder)).filter((name) => name.endsWith('.json'));
    if (files.length !== 1) throw new EdgepressError(ErrorCode.INTERNAL, `ONNX Runtime wrote ${files.length} profile files; expected 1`);
    const file = path.join(folder, files[0]);
    if ((await fs.stat(file)).size > MAX_PROFILE_BYTES) throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `The profile is larger than ${MAX_PROFILE_BYTES} bytes; profile fewer runs`);
    return parseProfile(JSON.parse(await fs.readFile(file, 'utf8')) as unknown, warmupRuns);
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/** Per-node medians from the events of an ONNX Runtime profile, skipping the first `warmupRuns` model runs. */
export function parseProfile(trace: unknown, warmupRuns: number): NodeProfile[] {
  if (!Array.isArray(trace)) throw new EdgepressError(ErrorCode.INTERNAL, 'The ONNX Runtime profile is not a JSON array of events');
  const events = trace as TraceEvent[];
  const modelRuns = events
    .filter((event) => event.cat === 'Session' && event.name === 'model_run' && typeof event.ts === 'number' && typeof event.dur === 'number')
    .map((event) => ({ start: event.ts as number, end: (event.ts as number) + (event.dur as number) }))
    .sort((a, b) => a.start - b.start);
  const timed = modelRuns.slice(warmupRuns);
  const perNode = new Map<string, { opType: string; provider: string; perRun: Map<number, number> }>();
  for (const event of events) {
    if (event.cat !== 'Node' || typeof event.name !== 'string' || !event.name.endsWith('_kernel_time')) continue;
    if (typeof event.ts !== 'number' || typeof event.dur !== 'number') continue;
    const run = runContaining(timed, event.ts);
    if (run < 0) continue;
    const node = event.name.slice(0, -'_kernel_time'.length);
    let entry = perNode.get(node);
    if (entry === undefined) {
      entry = { opType: String(event.args?.op_name ?? ''), provider: String(event.args?.provider ?? ''), perRun: new Map() };
      perNode.set(node, entry);
    }
    // A node inside a loop body runs several times per model run: its times add up.
    entry.perRun.set(run, (entry.perRun.get(run) ?? 0) + event.dur);
  }
  const profiles: NodeProfile[] = [];
  for (const [node, entry] of perNode) {
    const times = [...entry.perRun.values()];
    // summarizeTimes is unit-agnostic: these are microseconds.
    const { medianMs, meanMs } = summarizeTimes(times);
    profiles.push({ node, opType: entry.opType, provider: entry.provider, medianUs: medianMs, meanUs: meanMs, runs: times.length });
  }
  return profiles.sort((a, b) => b.medianUs - a.medianUs || a.node.localeCompare(b.node));
}

/** Index of the run window holding `ts` (windows sorted and disjoint), or -1. */
function runContaining(windows: readonly { start: number; end: number }[], ts: number): number {
  let low = 0;
  let high = windows.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (ts < windows[middle].start) high = middle - 1;
    else if (ts > windows[middle].end) low = middle + 1;
    else return middle;
  }
  return -1;
}
