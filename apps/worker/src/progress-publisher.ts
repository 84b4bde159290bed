/**
 * A run's progress as the outside sees it: the run row (progress, message) and a NOTIFY for the
 * gateway's subscriptions. Plugins may report progress thousands of times a second, so writes are
 * throttled (the newest value wins, one write per interval), serialised (never two in flight, so
 * an older value never lands after a newer one) and best-effort: a failed progress write is
 * logged, never the reason a run fails. The fraction never goes backwards.
 */
import { publishRunEvent, type Database } from '@edgepress/db';
import type { Logger } from 'pino';

export interface ProgressUpdate {
  fraction: number;
  message: string;
}

export class ProgressPublisher {
  private pending: ProgressUpdate | null = null;
  private written: ProgressUpdate = { fraction: 0, message: '' };
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly run: { teamId: string; runId: string },
    private readonly logger: Logger,
    private readonly intervalMs = 500,
  ) {}

  /** Records the newest progress; it reaches the database within intervalMs. */
  report(fraction: number, message: string): void {
    if (this.closed || !Number.isFinite(fraction)) return;
    const clamped = Math.min(1, Math.max(fraction, this.pending?.fraction ?? this.written.fraction, 0));
    this.pending = { fraction: clamped, message: message.slice(0, 2000) };
    if (this.timer) return;
    const wait = Math.max(0, this.lastWriteAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.chain = this.chain.then(() => this.write());
    }, wait);
  }

  /** Writes what is pending now and waits for every write so far. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.chain = this.chain.then(() => this.write());
    await this.chain;
  }

  /** Flushes, then ignores later reports (a stage's late callbacks after the run moved on). */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private async write(): Promise<void> {
    const update = this.pending;
    this.pending = null;
    if (!update || (update.fraction === this.written.fraction && update.message === this.written.message)) return;
    this.lastWriteAt = Date.now();
    try {
      const { changed } = await this.db.runs.setProgress(this.run.teamId, this.run.runId, update);
      if (changed) await publishRunEvent(this.db.pool, { ...this.run, kind: 'progress', fraction: update.fraction, message: update.message });
      this.written = update;
    } catch (error) {
      this.logger.warn({ err: error }, 'progress not recorded');
    }
  }
}
