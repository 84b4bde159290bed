/**
 * One job in one fresh sandbox process, seen from the host: start the process, answer its host
 * calls, forward progress and logs within their caps, and end the job exactly once, on the
 * first of: the sandbox's answer, a protocol violation, the wall-time limit, cancellation (after a
 * grace period), or the process dying (a crash, SIGKILL, SIGSEGV, a catastrophic isolate error).
 * Whatever happens in the sandbox, this resolves or rejects with an EdgepressError and the
 * process is gone afterwards; nothing is thrown at the caller outside the returned promise.
 * Tests: test/run-stage.test.ts, test/sandbox-escape.test.ts, test/sandbox-exhaustion.test.ts.
 */
import { performance } from 'node:perf_hooks';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { PluginTarget } from '@edgepress/plugin-sdk';
import type { LogLevel } from '@edgepress/plugin-sdk/sandbox';
import { MalformedMessageError, readSandboxMessage, type SandboxOutcome, type SandboxPhase, type WireError } from '../wire/ipc-messages';
import { StageBudget } from '../wire/stage-budget';
import { HostDispatcher, type HostCallHandler } from './host-dispatch';
import type { SandboxLimits } from './limits';
import { SandboxProcess, type SandboxExit } from './sandbox-process';
import { loadSandboxProgram, type SandboxProgram } from './sandbox-program';

export interface StageLogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Milliseconds since the sandbox process started. */
  readonly atMs: number;
}

export interface StageUsage {
  /** CPU time of the plugin's isolate. */
  readonly cpuMs: number;
  /** From starting the sandbox process to the end of the stage. */
  readonly wallMs: number;
  readonly hostCalls: number;
  /** Largest isolate heap (plus external memory) sampled by the sandbox's watchdog. */
  readonly peakHeapBytes?: number;
}

export interface SandboxSessionOptions {
  readonly code: string;
  /** `name@version`, for error messages. */
  readonly label: string;
  readonly phase: SandboxPhase;
  readonly params?: unknown;
  readonly target?: PluginTarget;
  readonly calibrationBatches?: number;
  readonly limits: SandboxLimits;
  readonly handler?: HostCallHandler;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number, message: string | undefined) => void;
  readonly onLog?: (entry: StageLogEntry) => void;
}

export interface SandboxSessionResult {
  readonly outcome: SandboxOutcome;
  readonly logs: readonly StageLogEntry[];
  readonly usage: StageUsage;
}

/** How long to wait for a SIGKILLed process to be reaped before answering anyway. */
const REAP_TIMEOUT_MS = 2_000;

function parseFields(fieldsJson: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (fieldsJson === undefined) return undefined;
  try {
    const fields: unknown = JSON.parse(fieldsJson);
    return typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? (fields as Record<string, unknown>) : { value: fields };
  } catch {
    return undefined;
  }
}

function exitError(exit: SandboxExit): WireError {
  if (exit.fatal !== undefined) return exit.fatal;
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${String(exit.code)}`;
  return { code: ErrorCode.PLUGIN_FAILED, message: `its sandbox process ${how} before the stage finished` };
}

export async function runSandboxSession(options: SandboxSessionOptions): Promise<SandboxSessionResult> {
  const program = await loadSandboxProgram();
  return runInProcess(program, options);
}

function runInProcess(program: SandboxProgram, options: SandboxSessionOptions): Promise<SandboxSessionResult> {
  const { limits, label, signal } = options;
  const toError = (error: WireError) => new EdgepressError(error.code, `Plugin ${label}: ${error.message}`, { details: { plugin: label } });
  if (signal?.aborted === true) return Promise.reject(toError({ code: ErrorCode.CANCELLED, message: 'the stage was cancelled before it started' }));

  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const budget = new StageBudget(limits);
    const logs: StageLogEntry[] = [];
    let settled = false;
    let cancelled = false;
    let sandboxUsage: { cpuMs: number; peakHeapBytes: number | undefined } = { cpuMs: 0, peakHeapBytes: undefined };
    const timers: NodeJS.Timeout[] = [];

    const sandbox = new SandboxProcess(program.script, limits.memoryMb, (raw) => onMessage(raw));
    const dispatcher = new HostDispatcher(options.handler ?? {}, limits, budget, (message) => sandbox.send(message));

    const cancelledError = (): WireError => ({ code: ErrorCode.CANCELLED, message: 'the stage was cancelled' });

    function settle(result: { outcome: SandboxOutcome } | { error: WireError }): void {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      dispatcher.close();
      sandbox.kill();
      const reaped = new Promise<void>((done) => {
        const timer = setTimeout(done, REAP_TIMEOUT_MS);
        void sandbox.exited.then(() => {
          clearTimeout(timer);
          done();
        });
      });
      void reaped.then(() => {
        if ('error' in result) return reject(toError(result.error));
        const usage: StageUsage = {
          cpuMs: sandboxUsage.cpuMs,
          wallMs: performance.now() - startedAt,
          hostCalls: budget.totalCalls,
          ...(sandboxUsage.peakHeapBytes === undefined ? {} : { peakHeapBytes: sandboxUsage.peakHeapBytes }),
        };
        resolve({ outcome: result.outcome, logs, usage });
      });
    }

    function onMessage(raw: unknown): void {
      if (settled) return;
      let message;
      try {
        message = readSandboxMessage(raw);
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
        return settle({ error: { code: ErrorCode.INTERNAL, message: `its sandbox process sent a malformed message (${error.message})` } });
      }
      switch (message.type) {
        case 'call': {
          const violation = dispatcher.dispatch(message);
          if (violation !== undefined) settle({ error: violation });
          return;
        }
        case 'progress': {
          const fraction = Math.min(1, Math.max(0, message.fraction));
          if (!Number.isFinite(fraction) || !budget.allowProgress(performance.now(), fraction)) return;
          try {
            options.onProgress?.(fraction, message.message?.slice(0, 500));
          } catch {
            // A caller's progress listener must not decide the fate of the stage.
          }
          return;
        }
        case 'log': {
          const exceeded = budget.recordLog(Buffer.byteLength(message.message) + (message.fieldsJson === undefined ? 0 : Buffer.byteLength(message.fieldsJson)));
          if (exceeded !== undefined) return settle({ error: { code: ErrorCode.RESOURCE_EXHAUSTED, message: exceeded } });
          const fields = parseFields(message.fieldsJson);
          const entry: StageLogEntry = { level: message.level, message: message.message, ...(fields === undefined ? {} : { fields }), atMs: performance.now() - startedAt };
          logs.push(entry);
          try {
            options.onLog?.(entry);
          } catch {
            // As for progress: the caller's listener cannot fail the stage.
          }
          return;
        }
        case 'done':
          sandboxUsage = message.usage;
          return settle(cancelled ? { error: cancelledError() } : { outcome: message.outcome });
        case 'failed':
          sandboxUsage = message.usage;
          return settle({ error: cancelled ? cancelledError() : message.error });
      }
    }

    function onAbort(): void {
      if (settled || cancelled) return;
      cancelled = true;
      sandbox.send({ type: 'abort' });
      timers.push(setTimeout(() => settle({ error: cancelledError() }), limits.cancelGraceMs));
    }

    signal?.addEventListener('abort', onAbort);
    timers.push(
      setTimeout(() => settle({ error: { code: ErrorCode.DEADLINE_EXCEEDED, message: `took longer than ${limits.wallTimeMs} ms of wall time (limits.wallTimeMs)` } }), limits.wallTimeMs),
    );
    void sandbox.exited.then((exit) => settle({ error: cancelled ? cancelledError() : exitError(exit) }));
    sandbox.send({
      type: 'start',
      job: {
        bootstrapSource: program.bootstrapSource,
        phase: options.phase,
        code: options.code,
        params: options.params,
        target: options.target,
        calibrationBatches: options.calibrationBatches ?? 0,
        limits,
      },
    });
  });
}
