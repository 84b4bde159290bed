/**
 * The host half of the bridge: checks every call a sandbox forwards and dispatches it to the
 * injected handler. Threat model: the sandbox process may be compromised, so this repeats the
 * sandbox's checks (method name against the protocol, call budget, plain data within size) and
 * treats any failure as a protocol violation that ends the stage. Handler answers go back as
 * copies of plain data (typed arrays allowed, functions and symbols never); handler errors go back
 * as { code, message } with internal errors masked, so nothing about the host leaks to the plugin.
 * Tests: host-dispatch.test.ts, test/sandbox-escape.test.ts.
 */
import { ErrorCode, toEdgepressError } from '@edgepress/errors';
import { isHostMethodName, type HostMethods } from '@edgepress/plugin-sdk/sandbox';
import type { HostToSandbox, WireError } from '../wire/ipc-messages';
import { measurePlainData, PlainDataError } from '../wire/plain-data';
import { sanitizeMessage } from '../wire/sanitize-message';
import type { StageBudget } from '../wire/stage-budget';
import type { SandboxLimits } from './limits';

/** The host methods a stage may call; methods left out answer UNAVAILABLE. */
export type HostCallHandler = Partial<HostMethods>;

export interface HostCall {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

export class HostDispatcher {
  private closed = false;

  constructor(
    private readonly handler: HostCallHandler,
    private readonly limits: Pick<SandboxLimits, 'maxHostCallArgBytes' | 'memoryMb'>,
    private readonly budget: StageBudget,
    private readonly reply: (message: HostToSandbox) => void,
  ) {}

  /** Checks and starts a call; returns the violation that must end the stage, if any. */
  dispatch(call: HostCall): WireError | undefined {
    if (!isHostMethodName(call.method)) {
      return { code: ErrorCode.PLUGIN_FAILED, message: `called the host method "${sanitizeMessage(call.method, 80)}", which is not part of the plugin protocol` };
    }
    const refused = this.budget.startCall();
    if (refused !== undefined) return { code: ErrorCode.RESOURCE_EXHAUSTED, message: refused };
    try {
      measurePlainData(call.args, this.limits.maxHostCallArgBytes, 'args');
    } catch (error) {
      if (!(error instanceof PlainDataError)) throw error;
      const code = error.problem === 'too-large' ? ErrorCode.RESOURCE_EXHAUSTED : ErrorCode.PLUGIN_FAILED;
      return { code, message: `the arguments of ${call.method} cannot be sent to the host: ${error.message}` };
    }
    const method = (this.handler as Record<string, unknown>)[call.method];
    if (typeof method !== 'function') {
      this.answer(call.id, { ok: false, error: { code: ErrorCode.UNAVAILABLE, message: `${call.method} is not available in this host` } });
      return undefined;
    }
    Promise.resolve()
      .then(() => Reflect.apply(method, this.handler, call.args) as unknown)
      .then(
        (value) => this.answer(call.id, this.checkedResult(call.method, value)),
        (error: unknown) => {
          const failure = toEdgepressError(error);
          this.answer(call.id, { ok: false, error: { code: failure.code, message: sanitizeMessage(failure.message) } });
        },
      );
    return undefined;
  }

  /** Stops answering: the stage is over. */
  close(): void {
    this.closed = true;
  }

  private checkedResult(method: string, value: unknown): { ok: true; value: unknown } | { ok: false; error: WireError } {
    try {
      measurePlainData(value, this.limits.memoryMb * 1024 * 1024, 'result');
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof PlainDataError)) throw error;
      return { ok: false, error: { code: ErrorCode.INTERNAL, message: `the host's ${method} returned a value that cannot be sent to the plugin` } };
    }
  }

  private answer(id: number, answer: { ok: true; value: unknown } | { ok: false; error: WireError }): void {
    if (this.closed) return;
    this.budget.finishCall();
    this.reply(answer.ok ? { type: 'result', id, ok: true, value: answer.value } : { type: 'result', id, ok: false, error: answer.error });
  }
}
