import { EdgepressError, ErrorCode } from '@edgepress/errors';

const MiB = 1024 * 1024;

/** What one sandboxed stage may use. Every field has a safe default and a named way to raise it. */
export interface SandboxLimits {
  /** Heap of the plugin's isolate, in MiB (typed arrays count against it). */
  readonly memoryMb: number;
  /** CPU time the plugin's isolate may use, in ms. */
  readonly cpuTimeMs: number;
  /** Wall time from starting the sandbox process to the stage's end, in ms. */
  readonly wallTimeMs: number;
  /** Log lines a stage may write; one more ends it with RESOURCE_EXHAUSTED. */
  readonly maxLogLines: number;
  /** Bytes (UTF-8, messages and fields) a stage may log; more ends it with RESOURCE_EXHAUSTED. */
  readonly maxLogBytes: number;
  /** Progress updates forwarded per second; extra updates are dropped. */
  readonly maxProgressPerSecond: number;
  /** Host calls a plugin may have waiting at once; one more ends the stage with RESOURCE_EXHAUSTED. */
  readonly maxOutstandingHostCalls: number;
  /** Host calls a stage may make in total. */
  readonly maxHostCalls: number;
  /** Size of the arguments of one host call (typed arrays by their buffer, strings by length). */
  readonly maxHostCallArgBytes: number;
  /** Size of the StageResult a plugin returns, as JSON. */
  readonly maxResultBytes: number;
  /** After cancellation, how long the plugin may take to stop before its process is killed, in ms. */
  readonly cancelGraceMs: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = Object.freeze({
  memoryMb: 512,
  cpuTimeMs: 10 * 60_000,
  wallTimeMs: 30 * 60_000,
  maxLogLines: 10_000,
  maxLogBytes: 1 * MiB,
  maxProgressPerSecond: 10,
  maxOutstandingHostCalls: 256,
  maxHostCalls: 1_000_000,
  maxHostCallArgBytes: 64 * MiB,
  maxResultBytes: 256 * 1024,
  cancelGraceMs: 2_000,
});

/**
 * Defaults for the short sandbox runs that only register a plugin, parse its params and ask
 * supports() (building a bundle, inspecting one): no legitimate plugin needs minutes for that.
 */
export const DEFAULT_INSPECT_LIMITS: Partial<SandboxLimits> = Object.freeze({ cpuTimeMs: 10_000, wallTimeMs: 30_000 });

/** Bounds a caller may raise the limits to; beyond them a sandbox would stop protecting the worker. */
const BOUNDS: Readonly<Record<keyof SandboxLimits, readonly [number, number]>> = {
  memoryMb: [16, 16_384],
  cpuTimeMs: [10, 24 * 3_600_000],
  wallTimeMs: [100, 48 * 3_600_000],
  maxLogLines: [0, 10_000_000],
  maxLogBytes: [0, 1024 * MiB],
  maxProgressPerSecond: [1, 1_000],
  maxOutstandingHostCalls: [1, 65_536],
  maxHostCalls: [0, 1_000_000_000],
  maxHostCallArgBytes: [1024, 4096 * MiB],
  maxResultBytes: [1024, 256 * MiB],
  cancelGraceMs: [0, 600_000],
};

/** Merges overrides into the defaults, refusing unknown names and values outside the bounds. */
export function resolveSandboxLimits(overrides: Partial<SandboxLimits> | undefined): SandboxLimits {
  if (overrides === undefined) return DEFAULT_SANDBOX_LIMITS;
  if (typeof overrides !== 'object' || overrides === null) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected an object for limits but received ${overrides === null ? 'null' : typeof overrides}`);
  }
  const resolved: Record<string, number> = { ...DEFAULT_SANDBOX_LIMITS };
  for (const [name, value] of Object.entries(overrides)) {
    if (!Object.prototype.hasOwnProperty.call(BOUNDS, name)) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Unknown sandbox limit "${name}"; known limits are ${Object.keys(BOUNDS).join(', ')}`);
    }
    if (value === undefined) continue;
    const [min, max] = BOUNDS[name as keyof SandboxLimits];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new EdgepressError(
        ErrorCode.BAD_USER_INPUT,
        `Expected an integer between ${min} and ${max} for limits.${name} but received ${typeof value === 'number' ? value : typeof value}`,
      );
    }
    resolved[name] = value;
  }
  return Object.freeze(resolved) as unknown as SandboxLimits;
}
