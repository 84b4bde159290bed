import { randomUUID } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import { RunQueue, type RunJobContext, type RunQueueOptions } from './run-queue';
import { expectCode, seedRun, seedTeam, useDatabase } from '../testing/fixtures';

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RunQueue', () => {
  const env = useDatabase();
  const queues: RunQueue[] = [];
  const errors: unknown[] = [];

  async function startQueue(options: Partial<RunQueueOptions> = {}): Promise<RunQueue> {
    const queue = await RunQueue.start({
      databaseUrl: env.url,
      queueName: `runs-${randomUUID().slice(0, 8)}`,
      superviseIntervalSeconds: 1,
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
      retryLimit: 1,
      heartbeatSeconds: null,
      cancelCheckIntervalMs: 100,
      onError: (error) => errors.push(error),
      ...options,
    });
    queues.push(queue);
    return queue;
  }

  async function newRun() {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id);
    return { runId: run.id, teamId: team.id };
  }

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.stop({ graceful: false, timeoutMs: 1000 })));
  });

  it('queues a run once and delivers it once', async () => {
    const queue = await startQueue();
    const job = await newRun();
    const id = await queue.enqueue(job);
    expect(id).toEqual(expect.any(String));
    expect(await queue.enqueue(job)).toBeNull();
    const deliveries: RunJobContext[] = [];
    let abortedDuringHandler: boolean | undefined;
    await queue.work(async (delivered) => {
      deliveries.push(delivered);
      abortedDuringHandler = delivered.signal.aborted;
    });
    await waitFor(() => deliveries.length > 0, 10_000, 'the delivery');
    await sleep(1500);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ ...job, jobId: id, delivery: 1 });
    expect(abortedDuringHandler).toBe(false);
  }, 20_000);

  it('queues within a transaction: a rollback leaves no job', async () => {
    const queue = await startQueue();
    const rolledBack = await newRun();
    await expect(
      env.db.transaction(async (tx) => {
        await queue.enqueue(rolledBack, { client: tx.client });
        throw new Error('abort the transaction');
      }),
    ).rejects.toThrow();
    const committed = await newRun();
    await env.db.transaction(async (tx) => queue.enqueue(committed, { client: tx.client }));
    expect(await queue.depth()).toEqual({ queued: 1, active: 0, deadLettered: 0 });
    expect(await queue.enqueue(rolledBack)).toEqual(expect.any(String));
    expect(await queue.enqueue(committed)).toBeNull();
    await expectCode(queue.enqueue({ runId: 'x', teamId: committed.teamId }), 'BAD_USER_INPUT');
  }, 20_000);

  it('delivers a job again when its handler throws', async () => {
    const queue = await startQueue();
    const job = await newRun();
    await queue.enqueue(job);
    const deliveries: number[] = [];
    await queue.work(async ({ delivery }) => {
      deliveries.push(delivery);
      if (delivery === 1) throw new Error('kernel server unavailable');
    });
    await waitFor(() => deliveries.length === 2, 15_000, 'the retry');
    expect(deliveries).toEqual([1, 2]);
  }, 20_000);

  it('gives a job held by a dead worker to another worker once it expires', async () => {
    const queue = await startQueue({ expireInSeconds: 2 });
    const job = await newRun();
    await queue.enqueue(job);
    // The dead worker: a separate pg-boss instance claims the job and is never heard from again.
    const deadWorker = new PgBoss({ connectionString: env.url, schema: 'pgboss', supervise: false, schedule: false });
    deadWorker.on('error', () => undefined);
    await deadWorker.start();
    try {
      const [claimed] = await deadWorker.fetch(queue.queueName);
      expect(claimed.data).toEqual(job);
      const started = Date.now();
      const deliveries: RunJobContext[] = [];
      await queue.work(async (delivered) => {
        deliveries.push(delivered);
      });
      await waitFor(() => deliveries.length > 0, 15_000, 'the redelivery');
      expect(deliveries[0]).toMatchObject({ ...job, delivery: 2 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    } finally {
      await deadWorker.stop({ graceful: false });
    }
  }, 25_000);

  it('detects a dead worker by its missing heartbeats while a live long job keeps its claim', async () => {
    const queue = await startQueue({ expireInSeconds: 120, heartbeatSeconds: 10 });
    const abandoned = await newRun();
    const long = await newRun();
    await queue.enqueue(abandoned);
    const deadWorker = new PgBoss({ connectionString: env.url, schema: 'pgboss', supervise: false, schedule: false });
    deadWorker.on('error', () => undefined);
    await deadWorker.start();
    try {
      const [claimed] = await deadWorker.fetch(queue.queueName);
      expect(claimed.data).toEqual(abandoned);
      const claimedAt = Date.now();
      await queue.enqueue(long);
      const deliveries: { runId: string; delivery: number; at: number }[] = [];
      await queue.work(
        async ({ runId, delivery }) => {
          deliveries.push({ runId, delivery, at: Date.now() });
          // Longer than heartbeatSeconds: pg-boss's heartbeats keep this claim alive.
          if (runId === long.runId) await sleep(13_000);
        },
        { concurrency: 2 },
      );
      await waitFor(() => deliveries.some((d) => d.runId === abandoned.runId), 30_000, 'the redelivery');
      await waitFor(() => deliveries.length >= 2, 1000, 'both jobs');
      await sleep(Math.max(0, claimedAt + 14_500 - Date.now()));
      const [redelivered] = deliveries.filter((d) => d.runId === abandoned.runId);
      expect(redelivered.delivery).toBe(2);
      expect(redelivered.at - claimedAt).toBeGreaterThanOrEqual(9_000);
      expect(deliveries.filter((d) => d.runId === long.runId)).toEqual([expect.objectContaining({ delivery: 1 })]);
    } finally {
      await deadWorker.stop({ graceful: false });
    }
  }, 45_000);

  it('aborts the handler signal when its run is cancelled', async () => {
    const queue = await startQueue({ expireInSeconds: 60 });
    const job = await newRun();
    await queue.enqueue(job);
    let reason: unknown;
    let started = false;
    await queue.work(async ({ signal, runId, teamId }) => {
      await env.db.runs.start(teamId, runId);
      started = true;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      reason = signal.reason;
    });
    await waitFor(() => started, 10_000, 'the run to start');
    await env.db.runs.requestCancel(job.teamId, job.runId);
    await waitFor(() => reason !== undefined, 5_000, 'the abort');
    expect(reason).toMatchObject({ name: 'EdgepressError', code: 'CANCELLED' });
  }, 20_000);

  it('hands a job that used up its retries to the dead-letter worker', async () => {
    const queue = await startQueue({ retryLimit: 1 });
    const job = await newRun();
    await queue.enqueue(job);
    let attempts = 0;
    await queue.work(async () => {
      attempts += 1;
      throw new Error('always fails');
    });
    const dead: unknown[] = [];
    await queue.workDeadLetters(async (deadJob) => {
      dead.push(deadJob);
    });
    await waitFor(() => dead.length > 0, 15_000, 'the dead letter');
    expect(dead).toEqual([job]);
    expect(attempts).toBe(2);
  }, 20_000);

  it('reports depth and removes a queued job on cancel', async () => {
    const queue = await startQueue();
    const first = await newRun();
    const second = await newRun();
    await queue.enqueue(first);
    await queue.enqueue(second);
    expect(await queue.depth()).toEqual({ queued: 2, active: 0, deadLettered: 0 });
    expect(await queue.cancelQueued(first.runId)).toBe(true);
    expect(await queue.cancelQueued(first.runId)).toBe(false);
    const deliveries: string[] = [];
    await queue.work(async ({ runId }) => {
      deliveries.push(runId);
    });
    await waitFor(() => deliveries.length > 0, 10_000, 'the delivery');
    await sleep(1000);
    expect(deliveries).toEqual([second.runId]);
    expect(errors).toEqual([]);
  }, 20_000);
});
