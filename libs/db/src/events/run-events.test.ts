import { randomUUID } from 'node:crypto';
import { publishRunEvent, subscribeRunEvents, type RunEvent } from './run-events';
import { expectCode, useDatabase } from '../testing/fixtures';

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('run events', () => {
  const env = useDatabase();
  const runId = randomUUID();
  const teamId = randomUUID();

  it('delivers published events to a subscriber', async () => {
    const received: RunEvent[] = [];
    const subscription = subscribeRunEvents(env.url, (event) => received.push(event));
    try {
      await subscription.ready;
      await publishRunEvent(env.db.pool, { runId, teamId, kind: 'stage-started', stageIndex: 0, message: 'prune-channels' });
      await publishRunEvent(env.db.pool, { runId, teamId, kind: 'progress', fraction: 0.5 });
      await publishRunEvent(env.db.pool, { runId, teamId, kind: 'run-finished', state: 'succeeded', fraction: 1 });
      await waitFor(() => received.length === 3, 5000);
      expect(received).toEqual([
        { runId, teamId, kind: 'stage-started', stageIndex: 0, message: 'prune-channels' },
        { runId, teamId, kind: 'progress', fraction: 0.5 },
        { runId, teamId, kind: 'run-finished', state: 'succeeded', fraction: 1 },
      ]);
    } finally {
      await subscription.close();
    }
  });

  it('publishes on commit only, and keeps payloads under the NOTIFY limit', async () => {
    const received: RunEvent[] = [];
    const subscription = subscribeRunEvents(env.url, (event) => received.push(event));
    try {
      await subscription.ready;
      await env.db
        .transaction(async (tx) => {
          await publishRunEvent(tx.client, { runId, teamId, kind: 'progress', fraction: 0.1, message: 'rolled back' });
          throw new Error('rollback');
        })
        .catch(() => undefined);
      await env.db.transaction(async (tx) => publishRunEvent(tx.client, { runId, teamId, kind: 'progress', fraction: 0.2, message: 'é'.repeat(20_000) }));
      await waitFor(() => received.length === 1, 5000);
      expect(received[0]).toMatchObject({ fraction: 0.2 });
      expect(received[0].message?.length).toBeGreaterThan(0);
      expect(Buffer.byteLength(JSON.stringify(received[0]))).toBeLessThan(8000);
      await expectCode(publishRunEvent(env.db.pool, { runId, teamId, kind: 'bogus' as never }), 'BAD_USER_INPUT');
      await expectCode(publishRunEvent(env.db.pool, { runId: 'x', teamId, kind: 'progress' }), 'BAD_USER_INPUT');
      await expectCode(publishRunEvent(env.db.pool, { runId, teamId, kind: 'progress', fraction: 2 }), 'BAD_USER_INPUT');
    } finally {
      await subscription.close();
    }
  });

  it('reconnects after its connection is killed and keeps delivering', async () => {
    const received: RunEvent[] = [];
    let reconnects = 0;
    const subscription = subscribeRunEvents(env.url, (event) => received.push(event), { onReconnect: () => (reconnects += 1) });
    try {
      await subscription.ready;
      const { rowCount } = await env.db.pool.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'edgepress-run-events' AND datname = current_database()",
      );
      expect(rowCount).toBe(1);
      await waitFor(() => reconnects === 1, 10_000);
      await publishRunEvent(env.db.pool, { runId, teamId, kind: 'stage-completed', stageIndex: 1 });
      await waitFor(() => received.length === 1, 5000);
      expect(received[0]).toEqual({ runId, teamId, kind: 'stage-completed', stageIndex: 1 });
    } finally {
      await subscription.close();
    }
  }, 20_000);

  it('ignores malformed notifications on the channel', async () => {
    const received: RunEvent[] = [];
    const errors: unknown[] = [];
    const subscription = subscribeRunEvents(env.url, (event) => received.push(event), { onError: (error) => errors.push(error) });
    try {
      await subscription.ready;
      await env.db.pool.query("SELECT pg_notify('edgepress_run_events', 'not json'), pg_notify('edgepress_run_events', '{\"kind\":\"progress\"}')");
      await publishRunEvent(env.db.pool, { runId, teamId, kind: 'progress', fraction: 1 });
      await waitFor(() => received.length === 1, 5000);
      expect(errors).toHaveLength(2);
    } finally {
      await subscription.close();
    }
  });
});
