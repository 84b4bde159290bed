import { randomUUID } from 'node:crypto';
import { expectCode, seedModel, seedRun, seedTeam, useDatabase } from '../testing/fixtures';

describe('RunRepository', () => {
  const env = useDatabase();

  it('creates a queued run with its pending stages in order', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id, { stageCount: 3 });
    expect(run).toMatchObject({ teamId: team.id, state: 'queued', progress: 0, attempt: 0, error: null, finishedAt: null, targetId: 'raspberry-pi-4' });
    const stages = await env.db.stages.list(team.id, run.id);
    expect(stages.map((stage) => [stage.index, stage.pluginName, stage.state, stage.params])).toEqual([
      [0, 'prune-channels', 'pending', { step: 0 }],
      [1, 'quantize-int8', 'pending', { step: 1 }],
      [2, 'prune-channels', 'pending', { step: 2 }],
    ]);
  });

  it('refuses a model of another team as NOT_FOUND and bad stage lists as BAD_USER_INPUT', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const modelA = await seedModel(env.db, teamA.id);
    await expectCode(seedRun(env.db, teamB.id, { modelId: modelA.id }), 'NOT_FOUND');
    await expectCode(seedRun(env.db, teamB.id, { modelId: randomUUID() }), 'NOT_FOUND');
    await expectCode(seedRun(env.db, teamA.id, { modelId: modelA.id, stageCount: 0 }), 'BAD_USER_INPUT');
    await expectCode(seedRun(env.db, teamA.id, { modelId: modelA.id, targetId: 'Not Valid' }), 'BAD_USER_INPUT');
    expect((await env.db.runs.list(teamB.id)).edges).toEqual([]);
  });

  it('runs the happy path: start, progress, stages, succeed, with repeats as no-ops', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id, { stageCount: 2 });
    const started = await env.db.runs.start(team.id, run.id);
    expect(started).toMatchObject({ changed: true, run: { state: 'running', attempt: 1 } });
    const redelivered = await env.db.runs.start(team.id, run.id);
    expect(redelivered.run.attempt).toBe(2);
    expect(redelivered.run.startedAt).toEqual(started.run.startedAt);
    expect((await env.db.runs.setProgress(team.id, run.id, { fraction: 0.25, message: 'pruning' })).run).toMatchObject({ progress: 0.25, message: 'pruning' });
    await expectCode(env.db.runs.setProgress(team.id, run.id, { fraction: 1.5 }), 'BAD_USER_INPUT');

    await expectCode(env.db.runs.succeed(team.id, run.id), 'CONFLICT');
    for (const index of [0, 1]) await env.db.stages.complete(team.id, run.id, index, { metrics: { sizeBytes: 100 - index } });
    const done = await env.db.runs.succeed(team.id, run.id, 'done');
    expect(done).toMatchObject({ changed: true, run: { state: 'succeeded', progress: 1, message: 'done' } });
    expect(done.run.finishedAt).toBeInstanceOf(Date);
    expect(await env.db.runs.succeed(team.id, run.id)).toMatchObject({ changed: false, run: { state: 'succeeded' } });
    // Late or repeated calls never move a finished run.
    expect(await env.db.runs.fail(team.id, run.id, { code: 'INTERNAL', message: 'late' })).toMatchObject({ changed: false, run: { state: 'succeeded', error: null } });
    expect(await env.db.runs.start(team.id, run.id)).toMatchObject({ changed: false, run: { state: 'succeeded' } });
    expect(await env.db.runs.requestCancel(team.id, run.id)).toMatchObject({ changed: false, run: { state: 'succeeded' } });
    expect((await env.db.runs.setProgress(team.id, run.id, { fraction: 0.1 })).run.progress).toBe(1);
  });

  it('fails a run with a public error code', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id);
    await env.db.runs.start(team.id, run.id);
    await expectCode(env.db.runs.fail(team.id, run.id, { code: 'NOPE', message: 'x' }), 'BAD_USER_INPUT');
    const failed = await env.db.runs.fail(team.id, run.id, { code: 'PLUGIN_FAILED', message: 'quantize-int8 ran out of memory' });
    expect(failed.run).toMatchObject({ state: 'failed', error: { code: 'PLUGIN_FAILED', message: 'quantize-int8 ran out of memory' } });
    expect(await env.db.runs.start(team.id, run.id)).toMatchObject({ changed: false, run: { state: 'failed' } });
  });

  it('cancels a queued run at once and a running run through cancelling', async () => {
    const team = await seedTeam(env.db);
    const queued = await seedRun(env.db, team.id);
    const cancelled = await env.db.runs.requestCancel(team.id, queued.id);
    expect(cancelled.run).toMatchObject({ state: 'cancelled' });
    expect(cancelled.run.finishedAt).toBeInstanceOf(Date);
    expect(await env.db.runs.start(team.id, queued.id)).toMatchObject({ changed: false, run: { state: 'cancelled' } });

    const running = await seedRun(env.db, team.id);
    await env.db.runs.start(team.id, running.id);
    await env.db.stages.start(team.id, running.id, 0);
    expect((await env.db.runs.requestCancel(team.id, running.id)).run).toMatchObject({ state: 'cancelling', finishedAt: null });
    expect((await env.db.runs.requestCancel(team.id, running.id)).changed).toBe(false);
    // A job delivered again while cancelling does not restart the run.
    expect(await env.db.runs.start(team.id, running.id)).toMatchObject({ changed: false, run: { state: 'cancelling' } });
    const stopped = await env.db.runs.markCancelled(team.id, running.id);
    expect(stopped.run.state).toBe('cancelled');
    expect((await env.db.stages.list(team.id, running.id)).map((stage) => stage.state)).toEqual(['cancelled', 'pending']);
  });

  it('re-runs a run as a new queued run with the same stages', async () => {
    const team = await seedTeam(env.db);
    const account = await env.db.accounts.create({ email: `${randomUUID()}@example.com`, displayName: 'Re' });
    const original = await seedRun(env.db, team.id, { stageCount: 3 });
    await env.db.runs.start(team.id, original.id);
    await env.db.runs.fail(team.id, original.id, { code: 'UNAVAILABLE', message: 'kernel server gone' });
    const again = await env.db.runs.rerun(team.id, original.id, account.id);
    expect(again).toMatchObject({ state: 'queued', attempt: 0, rerunOf: original.id, modelId: original.modelId, spec: original.spec, createdBy: account.id });
    expect(again.id).not.toBe(original.id);
    const stage = (s: { index: number; pluginName: string; pluginVersion: string; params: unknown; state: string }) => [s.index, s.pluginName, s.pluginVersion, s.params, s.state];
    expect((await env.db.stages.list(team.id, again.id)).map(stage)).toEqual((await env.db.stages.list(team.id, original.id)).map(stage));
  });

  it('filters by state, model, target and model name, and counts runs by state', async () => {
    const team = await seedTeam(env.db);
    const resnet = await seedModel(env.db, team.id, 'resnet-18');
    const ocr = await seedModel(env.db, team.id, 'ppocr-rec');
    const a = await seedRun(env.db, team.id, { modelId: resnet.id });
    const b = await seedRun(env.db, team.id, { modelId: ocr.id, targetId: 'jetson-orin' });
    await env.db.runs.start(team.id, b.id);
    const ids = async (filter: Parameters<typeof env.db.runs.list>[1]) => (await env.db.runs.list(team.id, filter)).edges.map((edge) => edge.node.id);
    expect(await ids({})).toEqual([b.id, a.id]);
    expect(await ids({ states: ['running'] })).toEqual([b.id]);
    expect(await ids({ states: ['queued', 'running'] })).toEqual([b.id, a.id]);
    expect(await ids({ modelId: resnet.id })).toEqual([a.id]);
    expect(await ids({ modelId: 'not-a-uuid' })).toEqual([]);
    expect(await ids({ targetId: 'jetson-orin' })).toEqual([b.id]);
    expect(await ids({ search: 'OCR' })).toEqual([b.id]);
    await expectCode(env.db.runs.list(team.id, { states: ['sleeping' as never] }), 'BAD_USER_INPUT');
    const counts = await env.db.runs.countAllByState();
    expect(counts.running).toBeGreaterThanOrEqual(1);
    expect(Object.keys(counts).sort()).toEqual(['cancelled', 'cancelling', 'failed', 'queued', 'running', 'succeeded']);
  });

  it('never shows or changes a run through another team', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const run = await seedRun(env.db, teamA.id);
    const attempts = [
      env.db.runs.get(teamB.id, run.id),
      env.db.runs.start(teamB.id, run.id),
      env.db.runs.setProgress(teamB.id, run.id, { fraction: 0.5 }),
      env.db.runs.succeed(teamB.id, run.id),
      env.db.runs.fail(teamB.id, run.id, { code: 'INTERNAL', message: 'x' }),
      env.db.runs.requestCancel(teamB.id, run.id),
      env.db.runs.markCancelled(teamB.id, run.id),
      env.db.runs.rerun(teamB.id, run.id),
    ];
    for (const attempt of attempts) await expectCode(attempt, 'NOT_FOUND');
    expect((await env.db.runs.list(teamB.id)).edges).toEqual([]);
    expect(await env.db.runs.get(teamA.id, run.id)).toEqual(run);
  });
});
