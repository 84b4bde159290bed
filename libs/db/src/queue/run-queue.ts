import { PgBoss, type Job } from 'pg-boss';
import type { ClientBase } from 'pg';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { isUuid } from '../sql/validate';

/*
 * Threat model (trust boundary 5, jobs): delivery is at least once. A job is delivered again when
 * its handler throws (retry with backoff), when its worker stops sending heartbeats (killed,
 * frozen, network gone) or when it outlives expireInSeconds; each delivery may find the run half
 * done, so handlers must resume (StageRepository.nextToRun) and record results idempotently.
 * Scheduling, locking, retries and expiry are pg-boss's (no home-made versions). A run is queued
 * once: the queue uses pg-boss's `exclusive` policy keyed by run id. After the last retry the job
 * goes to a dead-letter queue, where workDeadLetters lets a worker fail the run for good.
 * Tests: run-queue.test.ts.
 */

export interface RunJob {
  runId: string;
  teamId: string;
}

export interface RunJobContext extends RunJob {
  jobId: string;
  /** 1 on the first delivery, 2 on the first redelivery, ... */
  delivery: number;
  /**
   * Aborted when the run is being cancelled (reason: EdgepressError CANCELLED), when the job's
   * claim was lost (expired, heartbeat missed) or when the worker is stopping.
   */
  signal: AbortSignal;
}

export interface RunQueueOptions {
  databaseUrl: string;
  /** Default 'edgepress-runs'; the dead-letter queue is `${queueName}-dead`. */
  queueName?: string;
  /** PostgreSQL schema of pg-boss's tables (default 'pgboss'). */
  schema?: string;
  /** Longest a run may hold its job before pg-boss gives it to another worker (default 4 h). */
  expireInSeconds?: number;
  /**
   * A worker that misses heartbeats this long is presumed dead and its job delivered again
   * (default 10, pg-boss's minimum; the worker refreshes every half of it; null turns heartbeats
   * off, leaving expireInSeconds as the only way to detect a dead worker).
   */
  heartbeatSeconds?: number | null;
  /** Redeliveries after a failed or lost attempt (default 5). */
  retryLimit?: number;
  /** First retry delay in seconds, doubling with jitter (default 5, capped at 300). */
  retryDelaySeconds?: number;
  /** How often pg-boss checks for expired and heartbeat-less jobs, in seconds (default 5). */
  superviseIntervalSeconds?: number;
  /** How often an idle worker polls, in seconds (default 2; NOTIFY wakes it sooner). */
  pollingIntervalSeconds?: number;
  /** How often a running job checks whether its run is being cancelled, in ms (default 1000). */
  cancelCheckIntervalMs?: number;
  /** Connections of pg-boss's own pool (default 4). */
  maxConnections?: number;
  /** pg-boss errors and warnings (connection loss, maintenance failures). */
  onError?: (error: unknown) => void;
}

export interface QueueDepth {
  /** Waiting to run (created or waiting for a retry). */
  queued: number;
  active: number;
  /** Given up after the last retry, waiting in the dead-letter queue. */
  deadLettered: number;
}

type Handler = (job: RunJobContext) => Promise<void>;

const CANCEL_STATES = new Set(['cancelling', 'cancelled']);

function parseJob(data: unknown): RunJob | null {
  const job = data as Partial<RunJob> | null;
  return job && isUuid(job.runId) && isUuid(job.teamId) ? { runId: job.runId, teamId: job.teamId } : null;
}

export class RunQueue {
  readonly queueName: string;
  readonly deadLetterQueueName: string;
  private readonly cancelCheckIntervalMs: number;
  private readonly pollingIntervalSeconds: number;
  private readonly onError: (error: unknown) => void;

  private constructor(
    private readonly boss: PgBoss,
    options: RunQueueOptions,
  ) {
    this.queueName = options.queueName ?? 'edgepress-runs';
    this.deadLetterQueueName = `${this.queueName}-dead`;
    this.cancelCheckIntervalMs = options.cancelCheckIntervalMs ?? 1000;
    this.pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    this.onError = options.onError ?? ((error) => process.emitWarning(`RunQueue: ${String(error)}`));
  }

  /** Connects, installs pg-boss's schema when needed, and creates (or updates) the queues. */
  static async start(options: RunQueueOptions): Promise<RunQueue> {
    const boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: options.schema ?? 'pgboss',
      max: options.maxConnections ?? 4,
      application_name: 'edgepress-queue',
      superviseIntervalSeconds: options.superviseIntervalSeconds ?? 5,
      monitorIntervalSeconds: options.superviseIntervalSeconds ?? 5,
      useListenNotify: true,
    });
    const queue = new RunQueue(boss, options);
    boss.on('error', (error) => queue.onError(error));
    try {
      await boss.start();
      const heartbeatSeconds = options.heartbeatSeconds === undefined ? 10 : options.heartbeatSeconds;
      const settings = {
        expireInSeconds: options.expireInSeconds ?? 4 * 3600,
        retryLimit: options.retryLimit ?? 5,
        retryDelay: options.retryDelaySeconds ?? 5,
        retryBackoff: true,
        retryDelayMax: 300,
        // Finished jobs are kept a day for inspection; runs themselves live in the runs table.
        deleteAfterSeconds: 24 * 3600,
      };
      await boss.createQueue(queue.deadLetterQueueName, { policy: 'standard', retryLimit: 0 });
      await boss.createQueue(queue.queueName, {
        policy: 'exclusive',
        deadLetter: queue.deadLetterQueueName,
        notify: true,
        ...settings,
        // pg-boss rejects the key even when undefined: leave it out to mean "no heartbeat".
        ...(heartbeatSeconds === null ? {} : { heartbeatSeconds }),
      });
      // createQueue leaves an existing queue as it is: apply changed settings explicitly.
      await boss.updateQueue(queue.queueName, { ...settings, heartbeatSeconds });
    } catch (error) {
      await boss.stop({ graceful: false }).catch(() => undefined);
      throw new EdgepressError(ErrorCode.UNAVAILABLE, 'The run queue could not start', { cause: error });
    }
    return queue;
  }

  /**
   * Queues a run. Returns the job id, or null when the run already has a job waiting or running.
   * Pass the client of an open transaction to queue the run in the same commit as its rows.
   */
  async enqueue(job: RunJob, options: { client?: ClientBase } = {}): Promise<string | null> {
    if (!parseJob(job)) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected UUIDs for runId and teamId');
    const client = options.client;
    const db = client ? { executeSql: (text: string, values?: unknown[]) => client.query(text, values) } : undefined;
    return this.boss.send(this.queueName, { runId: job.runId, teamId: job.teamId }, { singletonKey: job.runId, db });
  }

  /**
   * Runs handler for each delivered job, `concurrency` at a time in this process. Resolving
   * completes the job; throwing makes pg-boss deliver it again later (until retryLimit). A run that
   * failed for a reason a retry cannot fix should be marked failed and the handler should resolve.
   */
  async work(handler: Handler, options: { concurrency?: number } = {}): Promise<string> {
    return this.boss.work<RunJob>(
      this.queueName,
      {
        localConcurrency: options.concurrency ?? 1,
        batchSize: 1,
        pollingIntervalSeconds: this.pollingIntervalSeconds,
        // NOTIFY wakes workers for new jobs only; retried and expired jobs are found by polling, so
        // the NOTIFY-time poll must not relax to pg-boss's default of 30 s.
        notifyPollingIntervalSeconds: this.pollingIntervalSeconds,
      },
      async ([job]) => this.deliver(job, handler),
    );
  }

  /** Jobs that used up their retries, once each: e.g. to mark their runs failed. */
  async workDeadLetters(handler: (job: RunJob) => Promise<void>): Promise<string> {
    return this.boss.work<RunJob>(this.deadLetterQueueName, { pollingIntervalSeconds: this.pollingIntervalSeconds }, async ([job]) => {
      const parsed = parseJob(job.data);
      if (parsed) await handler(parsed);
      else this.onError(new Error(`Dropped a dead-lettered job without a valid run reference (${job.id})`));
    });
  }

  /** Removes the run's waiting job, if any. A running job stops through the run's cancel state. */
  async cancelQueued(runId: string): Promise<boolean> {
    const jobs = await this.boss.findJobs(this.queueName, { key: runId, queued: true });
    if (jobs.length === 0) return false;
    await this.boss.cancel(
      this.queueName,
      jobs.map((job) => job.id),
    );
    return true;
  }

  /** For metrics. Counts may lag by up to a minute (pg-boss caches them). */
  async depth(): Promise<QueueDepth> {
    const [[runs], [dead]] = await Promise.all([
      this.boss.getQueueStats(this.queueName, { force: true }),
      this.boss.getQueueStats(this.deadLetterQueueName, { force: true }),
    ]);
    return { queued: runs?.queuedCount ?? 0, active: runs?.activeCount ?? 0, deadLettered: dead?.queuedCount ?? 0 };
  }

  /** Stops fetching; with graceful (default) waits up to timeoutMs for running handlers. */
  async stop(options: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    await this.boss.stop({ graceful: options.graceful ?? true, timeout: options.timeoutMs ?? 30_000 });
  }

  private async deliver(job: Job<RunJob>, handler: Handler): Promise<void> {
    const parsed = parseJob(job.data);
    if (!parsed) {
      this.onError(new Error(`Dropped a job without a valid run reference (${job.id})`));
      return;
    }
    const cancelled = new AbortController();
    const check = async () => {
      const { rows } = await this.boss.getDb().executeSql('SELECT state FROM runs WHERE id = $1 AND team_id = $2', [parsed.runId, parsed.teamId]);
      if (rows.length === 0 || CANCEL_STATES.has(rows[0].state)) {
        cancelled.abort(new EdgepressError(ErrorCode.CANCELLED, 'The run was cancelled'));
      }
    };
    const timer = setInterval(() => {
      if (!cancelled.signal.aborted) check().catch((error: unknown) => this.onError(error));
    }, this.cancelCheckIntervalMs);
    try {
      await handler({ ...parsed, jobId: job.id, delivery: job.retryCount + 1, signal: AbortSignal.any([job.signal, cancelled.signal]) });
    } finally {
      clearInterval(timer);
    }
  }
}
