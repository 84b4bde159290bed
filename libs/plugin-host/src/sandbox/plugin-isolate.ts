/**
 * One plugin stage inside the sandbox process: an isolated-vm Isolate with a memory limit, a CPU
 * watchdog, the bootstrap (isolate-bootstrap.js), the bundle, and the outer half of the bridge.
 *
 * Threat model: the isolate runs hostile code. Nothing from it is trusted: every host call is
 * checked here (method name against the protocol, call budget, plain data within size), every
 * outcome is size-checked, and the isolate only ever receives copies (isolated-vm Callbacks copy
 * arguments and results; deliveries use `arguments: { copy: true }`); it is never handed a
 * Reference or ExternalCopy. Callbacks never throw, so no host stack trace reaches the plugin.
 * CPU time is watched from a timer on this thread (the isolate runs on its own thread), memory by
 * isolated-vm, wall time by the host, which kills this process. A catastrophic isolate error kills
 * this process after one line on stderr; the host turns that into a failed stage.
 * Tests: test/sandbox-escape.test.ts, test/sandbox-exhaustion.test.ts, test/run-stage.test.ts.
 */
import { ErrorCode, isErrorCode } from '@edgepress/errors';
import { isHostMethodName, SANDBOX_REGISTRY_GLOBAL, type LogLevel } from '@edgepress/plugin-sdk/sandbox';
import ivm from 'isolated-vm';
import type { SandboxJob, SandboxToHost, WireError } from '../wire/ipc-messages';
import { compactTypedArrays, measurePlainData, PlainDataError } from '../wire/plain-data';
import { sanitizeMessage } from '../wire/sanitize-message';
import { StageBudget } from '../wire/stage-budget';
import { describeCompletion, type BootstrapCompletion } from './bootstrap-completion';

const WATCHDOG_INTERVAL_MS = 10;

type IsolateFunction = ivm.Reference<(...args: unknown[]) => unknown>;

export interface SandboxChannel {
  send(message: SandboxToHost): void;
  /** Called once, after the final message: the process should exit. */
  close(): void;
}

export class PluginIsolate {
  private readonly isolate: ivm.Isolate;
  private readonly budget: StageBudget;
  private readonly watchdog: NodeJS.Timeout;
  private deliverRef: IsolateFunction | undefined;
  private runningTasks = 0;
  private begun = false;
  private ended = false;
  private aborted = false;
  private peakHeapBytes: number | undefined;
  private sampling = false;

  constructor(
    private readonly job: SandboxJob,
    private readonly channel: SandboxChannel,
    onCatastrophicError: (message: string) => void,
  ) {
    this.budget = new StageBudget(job.limits);
    this.isolate = new ivm.Isolate({ memoryLimit: job.limits.memoryMb, onCatastrophicError });
    this.watchdog = setInterval(() => this.watch(), WATCHDOG_INTERVAL_MS);
  }

  async start(): Promise<void> {
    try {
      const context = await this.isolate.createContext();
      const bootstrap = (await context.eval(this.job.bootstrapSource, { reference: true, filename: 'edgepress-sandbox-bootstrap.js' })) as IsolateFunction;
      const api = (await this.task(() =>
        bootstrap.apply(undefined, this.bootstrapArguments() as never[], { result: { reference: true } }),
      )) as ivm.Reference<Record<'begin' | 'deliver', unknown>>;
      const begin = (await api.get('begin', { reference: true })) as IsolateFunction;
      this.deliverRef = (await api.get('deliver', { reference: true })) as IsolateFunction;
      try {
        const script = await this.isolate.compileScript(this.job.code, { filename: 'edgepress-plugin-bundle.js' });
        await this.task(() => script.run(context, { timeout: this.job.limits.cpuTimeMs }));
      } catch (error) {
        this.failFromIsolate(error, 'the plugin bundle failed to load');
        return;
      }
      this.begun = true;
      const { phase, params, target, calibrationBatches } = this.job;
      await this.task(() =>
        begin.apply(undefined, [phase, compactTypedArrays(params), compactTypedArrays(target), calibrationBatches] as never[], { arguments: { copy: true }, timeout: this.job.limits.cpuTimeMs }),
      );
    } catch (error) {
      this.failFromIsolate(error, 'the sandbox could not start the plugin');
    }
  }

  /** A host call's answer, copied into the isolate. */
  deliver(id: number, answer: { ok: true; value: unknown } | { ok: false; error: WireError }): void {
    if (this.ended || this.deliverRef === undefined) return;
    this.budget.finishCall();
    const args = answer.ok ? [id, true, compactTypedArrays(answer.value)] : [id, false, undefined, answer.error.code, answer.error.message];
    const deliverRef = this.deliverRef;
    this.task(() => deliverRef.apply(undefined, args as never[], { arguments: { copy: true }, timeout: this.job.limits.cpuTimeMs })).catch((error) =>
      this.failFromIsolate(error, 'the plugin failed while receiving a host result'),
    );
  }

  abort(): void {
    this.aborted = true;
  }

  private bootstrapArguments(): unknown[] {
    const { maxLogBytes, maxHostCallArgBytes, maxResultBytes } = this.job.limits;
    const callback = <A extends unknown[], R>(fn: (...args: A) => R, fallback: R) =>
      new ivm.Callback((...args: A) => {
        try {
          return fn(...args);
        } catch (error) {
          this.fail(ErrorCode.INTERNAL, `the sandbox bridge failed: ${sanitizeMessage(String((error as Error)?.message))}`);
          return fallback;
        }
      });
    return [
      SANDBOX_REGISTRY_GLOBAL,
      maxLogBytes,
      maxHostCallArgBytes,
      maxResultBytes,
      callback((id: number, method: string, args: unknown[]) => this.onCall(id, method, args), false),
      callback((level: LogLevel, message: string, fieldsJson: string | undefined) => this.onLog(level, message, fieldsJson), undefined),
      callback((fraction: number, message: string | undefined) => this.onProgress(fraction, message), undefined),
      callback(() => this.aborted, true),
      callback((completion: BootstrapCompletion) => this.onComplete(completion), undefined),
      callback((code: string, message: string) => this.onViolation(code, message), undefined),
    ];
  }

  private onCall(id: number, method: string, args: unknown[]): boolean {
    if (this.ended) return false;
    if (!isHostMethodName(method)) {
      this.fail(ErrorCode.PLUGIN_FAILED, `called the host method "${sanitizeMessage(String(method), 80)}", which is not part of the plugin protocol`);
      return false;
    }
    const refused = this.budget.startCall();
    if (refused !== undefined) {
      this.fail(ErrorCode.RESOURCE_EXHAUSTED, refused);
      return false;
    }
    try {
      measurePlainData(args, this.job.limits.maxHostCallArgBytes, 'args');
    } catch (error) {
      if (!(error instanceof PlainDataError)) throw error;
      const code = error.problem === 'too-large' ? ErrorCode.RESOURCE_EXHAUSTED : ErrorCode.PLUGIN_FAILED;
      this.fail(code, `the arguments of ${method} cannot be sent to the host: ${error.message}`);
      return false;
    }
    this.channel.send({ type: 'call', id, method, args });
    return true;
  }

  private onLog(level: LogLevel, message: string, fieldsJson: string | undefined): void {
    if (this.ended) return;
    const bytes = Buffer.byteLength(String(message)) + (typeof fieldsJson === 'string' ? Buffer.byteLength(fieldsJson) : 0);
    const exceeded = this.budget.recordLog(bytes);
    if (exceeded !== undefined) return this.fail(ErrorCode.RESOURCE_EXHAUSTED, exceeded);
    this.channel.send({ type: 'log', level, message: String(message), fieldsJson: typeof fieldsJson === 'string' ? fieldsJson : undefined });
  }

  private onProgress(fraction: number, message: string | undefined): void {
    if (this.ended || typeof fraction !== 'number' || !Number.isFinite(fraction)) return;
    if (!this.budget.allowProgress(Date.now(), fraction)) return;
    this.channel.send({ type: 'progress', fraction, message: typeof message === 'string' ? message : undefined });
  }

  private onViolation(code: string, message: string): void {
    this.fail(code === ErrorCode.RESOURCE_EXHAUSTED ? ErrorCode.RESOURCE_EXHAUSTED : ErrorCode.PLUGIN_FAILED, sanitizeMessage(String(message)));
  }

  private onComplete(completion: BootstrapCompletion): void {
    const described = describeCompletion(completion, this.job);
    if ('error' in described) return this.fail(described.error.code, described.error.message);
    this.end({ type: 'done', outcome: described.outcome, usage: this.usage() });
  }

  /** Runs an isolate task, counting it so that an idle isolate with nothing to wait for is noticed. */
  private async task<T>(run: () => Promise<T>): Promise<T> {
    this.runningTasks += 1;
    try {
      return await run();
    } finally {
      this.runningTasks -= 1;
      // There are no timers in the isolate: with no task running and no host call pending, a
      // stage that has not completed is waiting on a promise that nothing can ever settle.
      if (this.begun && !this.ended && this.runningTasks === 0 && this.budget.outstandingCalls === 0) {
        setImmediate(() => {
          if (!this.ended && this.runningTasks === 0 && this.budget.outstandingCalls === 0) {
            this.fail(ErrorCode.PLUGIN_FAILED, 'run() is waiting on a promise or thenable that can never settle');
          }
        });
      }
    }
  }

  private watch(): void {
    if (this.ended) return;
    if (this.isolate.isDisposed) {
      this.fail(ErrorCode.RESOURCE_EXHAUSTED, `exceeded its memory limit of ${this.job.limits.memoryMb} MiB (limits.memoryMb)`);
      return;
    }
    try {
      if (this.isolate.cpuTime > BigInt(this.job.limits.cpuTimeMs) * 1_000_000n) {
        this.fail(ErrorCode.DEADLINE_EXCEEDED, `used more than ${this.job.limits.cpuTimeMs} ms of CPU time (limits.cpuTimeMs)`);
        return;
      }
    } catch {
      // The isolate was disposed between the check and the read; the next tick reports it.
      return;
    }
    // Never getHeapStatisticsSync here: it can block this thread behind a running isolate, and
    // then neither this watchdog nor a catastrophic-error callback gets to run.
    if (!this.sampling) {
      this.sampling = true;
      this.isolate.getHeapStatistics().then(
        (heap) => {
          this.sampling = false;
          this.peakHeapBytes = Math.max(this.peakHeapBytes ?? 0, heap.used_heap_size + heap.externally_allocated_size);
        },
        () => undefined,
      );
    }
  }

  private failFromIsolate(error: unknown, context: string): void {
    if (this.ended) return;
    const message = error instanceof Error ? error.message : String(error);
    if (this.isolate.isDisposed || /memory limit/i.test(message)) {
      this.fail(ErrorCode.RESOURCE_EXHAUSTED, `exceeded its memory limit of ${this.job.limits.memoryMb} MiB (limits.memoryMb)`);
    } else if (/timed out/i.test(message)) {
      this.fail(ErrorCode.DEADLINE_EXCEEDED, `used more than ${this.job.limits.cpuTimeMs} ms of CPU time (limits.cpuTimeMs)`);
    } else {
      this.fail(ErrorCode.PLUGIN_FAILED, `${context}: ${sanitizeMessage(message)}`);
    }
  }

  private usage() {
    let cpuMs = 0;
    try {
      cpuMs = Number(this.isolate.cpuTime / 1000n) / 1000;
    } catch {
      // Disposed isolates no longer report CPU time.
    }
    return { cpuMs, peakHeapBytes: this.peakHeapBytes };
  }

  private fail(code: string, message: string): void {
    this.end({ type: 'failed', error: { code: isErrorCode(code) ? code : ErrorCode.INTERNAL, message }, usage: this.usage() });
  }

  private end(message: SandboxToHost): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.watchdog);
    this.channel.send(message);
    // Callbacks end stages from inside an isolate call: dispose once that call has returned.
    setImmediate(() => {
      if (!this.isolate.isDisposed) this.isolate.dispose();
      this.channel.close();
    });
  }
}
