/**
 * Counts what a stage uses of the limits that the sandbox process and the host both enforce:
 * host calls (outstanding and total), log lines and bytes, and the progress rate. Both sides keep
 * their own StageBudget, so a compromised sandbox process still cannot flood the host.
 */
import type { SandboxLimits } from '../host/limits';

type BudgetLimits = Pick<
  SandboxLimits,
  'maxOutstandingHostCalls' | 'maxHostCalls' | 'maxLogLines' | 'maxLogBytes' | 'maxProgressPerSecond'
>;

export class StageBudget {
  outstandingCalls = 0;
  totalCalls = 0;
  logLines = 0;
  logBytes = 0;
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private lastProgressFraction: number | undefined;

  constructor(private readonly limits: BudgetLimits) {}

  /** Counts a new host call; returns why it must be refused, if it must. */
  startCall(): string | undefined {
    if (this.outstandingCalls >= this.limits.maxOutstandingHostCalls) {
      return `had more than ${this.limits.maxOutstandingHostCalls} host calls waiting at once (limits.maxOutstandingHostCalls)`;
    }
    if (this.totalCalls >= this.limits.maxHostCalls) return `made more than ${this.limits.maxHostCalls} host calls (limits.maxHostCalls)`;
    this.outstandingCalls += 1;
    this.totalCalls += 1;
    return undefined;
  }

  finishCall(): void {
    this.outstandingCalls = Math.max(0, this.outstandingCalls - 1);
  }

  /** Counts one log line of `bytes` UTF-8 bytes; returns why the stage must end, if it must. */
  recordLog(bytes: number): string | undefined {
    this.logLines += 1;
    this.logBytes += bytes;
    if (this.logLines > this.limits.maxLogLines) return `wrote more than ${this.limits.maxLogLines} log lines (limits.maxLogLines)`;
    if (this.logBytes > this.limits.maxLogBytes) return `logged more than ${this.limits.maxLogBytes} bytes (limits.maxLogBytes)`;
    return undefined;
  }

  /** Whether a progress update goes through: at most maxProgressPerSecond, and always the first report of completion. */
  allowProgress(nowMs: number, fraction: number): boolean {
    const completes = fraction >= 1 && this.lastProgressFraction !== 1;
    if (!completes && nowMs - this.lastProgressAt < 1000 / this.limits.maxProgressPerSecond) return false;
    this.lastProgressAt = nowMs;
    this.lastProgressFraction = fraction;
    return true;
  }
}
