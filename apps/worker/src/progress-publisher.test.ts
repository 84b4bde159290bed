import { pino } from 'pino';
import { openDatabase, subscribeRunEvents, type Database, type RunEvent } from '@edgepress/db';
import { createTestDatabase, type TestDatabase } from '@edgepress/db/testing';
import { ProgressPublisher } from './progress-publisher';

const silent = pino({ level: 'silent' });

describe('ProgressPublisher (PostgreSQL on 127.0.0.1:5432)', () => {
  let database: TestDatabase;
  let db: Database;
  let run: { teamId: string; runId: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = openDatabase(database.url, { max: 4 });
    const team = await db.teams.create({ slug: `progress-${process.pid}`, name: 'progress' });
    const model = await db.models.create(team.id, { name: 'm', blobSha256: 'a'.repeat(64), sizeBytes: 1, summary: {} });
    const created = await db.runs.create(team.id, { modelId: model.id, targetId: 'raspberry-pi-4', target: {}, spec: {}, stages: [{ pluginName: 'p', pluginVersion: '1.0.0', params: {} }] });
    await db.runs.start(team.id, created.id);
    run = { teamId: team.id, runId: created.id };
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('writes the newest value, throttled, never backwards, and notifies subscribers', async () => {
    const events: RunEvent[] = [];
    const subscription = subscribeRunEvents(database.url, (event) => events.push(event));
    await subscription.ready;
    const progress = new ProgressPublisher(db, run, silent, 200);
    const started = Date.now();
    for (let i = 1; i <= 2000; i++) progress.report(i / 4000, `step ${i}`);
    progress.report(0.1, 'a late, smaller value');
    await new Promise((resolve) => setTimeout(resolve, 300));
    progress.report(0.5, 'half');
    await progress.close();
    progress.report(0.9, 'after close: ignored');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await subscription.close();

    const row = await db.runs.get(run.teamId, run.runId);
    expect(row.progress).toBeCloseTo(0.5);
    expect(row.message).toBe('half');
    const progressEvents = events.filter((event) => event.kind === 'progress' && event.runId === run.runId);
    // 2001 reports in a burst, then one more: a handful of writes, not thousands.
    expect(progressEvents.length).toBeGreaterThanOrEqual(2);
    expect(progressEvents.length).toBeLessThanOrEqual(2 + Math.ceil((Date.now() - started) / 200));
    const fractions = progressEvents.map((event) => event.fraction ?? 0);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(progressEvents[progressEvents.length - 1]).toMatchObject({ fraction: 0.5, message: 'half' });
    expect(progressEvents.some((event) => event.message === 'a late, smaller value' && (event.fraction ?? 0) < 0.5)).toBe(false);
  });

  it('stops writing once the run has finished (a late report changes nothing)', async () => {
    await db.stages.start(run.teamId, run.runId, 0);
    await db.stages.complete(run.teamId, run.runId, 0, { metrics: {} });
    await db.runs.succeed(run.teamId, run.runId);
    const progress = new ProgressPublisher(db, run, silent, 10);
    progress.report(0.2, 'late');
    await progress.close();
    const row = await db.runs.get(run.teamId, run.runId);
    expect(row).toMatchObject({ state: 'succeeded', progress: 1 });
  });
});
