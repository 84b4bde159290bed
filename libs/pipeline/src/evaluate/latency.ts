import { EdgepressError, ErrorCode } from '@edgepress/errors';
import * as ort from 'onnxruntime-node';
import os from 'node:os';
import type { SampleTensor } from '../data/sample';
import type { OrtModelSession } from './ort-session';

export interface LatencyOptions {
  /** Runs before timing starts (default 3): first runs pay for allocation and caches. */
  readonly warmupRuns?: number;
  /** Timed runs (default 20). */
  readonly runs?: number;
  /** Stop timing after this much time once at least 3 runs are done (default 10 s). */
  readonly maxDurationMs?: number;
}

/**
 * ONNX Runtime latency measured on THIS host (its CPU, with the session's thread count): a figure
 * to compare stages with each other, not a prediction for the target hardware (that is the
 * roofline estimate of libs/targets). Each run is timed around `session.run`, so it includes
 * handing the inputs to ONNX Runtime and copying the outputs back.
 */
export interface LatencyResult {
  readonly medianMs: number;
  /** 90th percentile (nearest rank). */
  readonly p90Ms: number;
  readonly minMs: number;
  readonly meanMs: number;
  readonly runs: number;
  readonly warmupRuns: number;
  readonly host: HostDescription;
}

export interface HostDescription {
  readonly cpu: string;
  readonly logicalCores: number;
  readonly onnxruntime: string;
}

export function describeHost(): HostDescription {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model.trim() ?? 'unknown', logicalCores: cpus.length, onnxruntime: ort.env.versions.node ?? ort.env.versions.common };
}

export async function measureLatency(session: OrtModelSession, feeds: Readonly<Record<string, SampleTensor>>, options: LatencyOptions = {}): Promise<LatencyResult> {
  const warmupRuns = count(options.warmupRuns ?? 3, 'warmupRuns', 0);
  const runs = count(options.runs ?? 20, 'runs', 1);
  const maxDurationMs = options.maxDurationMs ?? 10_000;
  if (!(maxDurationMs > 0)) throw invalid(`Expected a positive maxDurationMs but received ${maxDurationMs}`);
  for (let i = 0; i < warmupRuns; i++) await session.run(feeds);
  const times: number[] = [];
  const started = performance.now();
  while (times.length < runs) {
    const start = performance.now();
    await session.run(feeds);
    times.push(performance.now() - start);
    if (times.length >= 3 && performance.now() - started > maxDurationMs) break;
  }
  return { ...summarizeTimes(times), runs: times.length, warmupRuns, host: describeHost() };
}

/** Median, nearest-rank p90, min and mean of a list of durations. */
export function summarizeTimes(times: readonly number[]): { medianMs: number; p90Ms: number; minMs: number; meanMs: number } {
  if (times.length === 0) throw invalid('Expected at least one timing');
  const sorted = [...times].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const p90Ms = sorted[Math.ceil(0.9 * sorted.length) - 1];
  return { medianMs, p90Ms, minMs: sorted[0], meanMs: sorted.reduce((sum, time) => sum + time, 0) / sorted.length };
}

function count(value: number, name: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > 100_000) throw invalid(`Expected ${name} to be an integer in [${min}, 100000] but received ${value}`);
  return value;
}

function invalid(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message);
}
