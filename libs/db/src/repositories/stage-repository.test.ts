import { StageRepository } from './stage-repository';
import { expectCode, seedRun, seedTeam, sha256Of, useDatabase } from '../testing/fixtures';

describe('StageRepository', () => {
  const env = useDatabase();

  async function artifactRows(runId: string, index: number): Promise<{ blob_sha256: string }[]> {
    const { rows } = await env.db.pool.query('SELECT blob_sha256 FROM artifacts WHERE run_id = $1 AND stage_index = $2', [runId, index]);
    return rows;
  }

  it('records a stage result and its artifact once; a second completion returns the first result', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id);
    expect(await env.db.stages.start(team.id, run.id, 0)).toMatchObject({ changed: true, stage: { state: 'running', attempt: 1 } });
    const first = await env.db.stages.complete(team.id, run.id, 0, {
      metrics: { sizeBytes: 900, cosine: 0.999 },
      artifact: { sha256: sha256Of('first'), sizeBytes: 900 },
      log: 'pruned 30% of channels',
    });
    expect(first).toMatchObject({ changed: true, stage: { state: 'succeeded', metrics: { sizeBytes: 900 }, artifactSha256: sha256Of('first'), logExcerpt: 'pruned 30% of channels' } });
    const second = await env.db.stages.complete(team.id, run.id, 0, { metrics: { sizeBytes: 1 }, artifact: { sha256: sha256Of('second'), sizeBytes: 1 } });
    expect(second).toEqual({ changed: false, stage: first.stage });
    expect(await artifactRows(run.id, 0)).toEqual([{ blob_sha256: sha256Of('first') }]);
    // A succeeded stage is neither restarted nor failed by a late call.
    expect(await env.db.stages.start(team.id, run.id, 0)).toEqual({ changed: false, stage: first.stage });
    expect(await env.db.stages.fail(team.id, run.id, 0, { code: 'INTERNAL', message: 'late' })).toEqual({ changed: false, stage: first.stage });
  });

  it('lists the stages and artifacts of several runs in one call, within the team only', async () => {
    const team = await seedTeam(env.db);
    const other = await seedTeam(env.db);
    const runA = await seedRun(env.db, team.id, { stageCount: 2 });
    const runB = await seedRun(env.db, team.id, { stageCount: 3 });
    const foreign = await seedRun(env.db, other.id, { stageCount: 1 });
    await env.db.stages.complete(team.id, runB.id, 0, { metrics: {}, artifact: { sha256: sha256Of('b0'), sizeBytes: 2 } });
    const stages = await env.db.stages.listForRuns(team.id, [runA.id, runB.id, foreign.id, runA.id]);
    expect([...stages.keys()].sort()).toEqual([runA.id, runB.id].sort());
    expect(stages.get(runA.id)?.map((s) => s.index)).toEqual([0, 1]);
    expect(stages.get(runB.id)?.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(stages.get(runB.id)).toEqual(await env.db.stages.list(team.id, runB.id));
    const artifacts = await env.db.artifacts.listForRuns(team.id, [runA.id, runB.id, foreign.id]);
    expect(artifacts.get(runB.id)).toEqual(await env.db.artifacts.listForRun(team.id, runB.id));
    expect(artifacts.has(foreign.id)).toBe(false);
    expect((await env.db.stages.listForRuns(team.id, [])).size).toBe(0);
  });

  it('lets exactly one of two overlapping completions win (row lock held by the first)', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id);
    const [clientA, clientB] = [await env.db.pool.connect(), await env.db.pool.connect()];
    try {
      await clientA.query('BEGIN');
      const a = await new StageRepository(clientA).complete(team.id, run.id, 1, { metrics: { worker: 'A' }, artifact: { sha256: sha256Of('A'), sizeBytes: 1 } });
      expect(a.changed).toBe(true);
      // B blocks on A's row lock; when A commits, B re-checks state <> 'succeeded' and changes nothing.
      const pendingB = new StageRepository(clientB).complete(team.id, run.id, 1, { metrics: { worker: 'B' }, artifact: { sha256: sha256Of('B'), sizeBytes: 1 } });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await clientA.query('COMMIT');
      const b = await pendingB;
      expect(b.changed).toBe(false);
      expect(b.stage.metrics).toEqual({ worker: 'A' });
    } finally {
      clientA.release();
      clientB.release();
    }
    expect(await artifactRows(run.id, 1)).toEqual([{ blob_sha256: sha256Of('A') }]);
  });

  it('keeps one result when two connections complete the same stage concurrently, every time', async () => {
    const team = await seedTeam(env.db);
    for (let round = 0; round < 10; round += 1) {
      const run = await seedRun(env.db, team.id, { stageCount: 1 });
      const clients = [await env.db.pool.connect(), await env.db.pool.connect()];
      try {
        const results = await Promise.all(
          clients.map((client, worker) =>
            new StageRepository(client).complete(team.id, run.id, 0, { metrics: { worker }, artifact: { sha256: sha256Of(`w${worker}`), sizeBytes: worker } }),
          ),
        );
        const winners = results.filter((result) => result.changed);
        expect(winners).toHaveLength(1);
        const winner = winners[0].stage;
        for (const result of results) expect(result.stage).toEqual(winner);
        expect(await artifactRows(run.id, 0)).toEqual([{ blob_sha256: winner.artifactSha256 }]);
      } finally {
        for (const client of clients) client.release();
      }
    }
  });

  it('resumes after the last finished stage', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id, { stageCount: 3 });
    expect((await env.db.stages.nextToRun(team.id, run.id))?.index).toBe(0);
    await env.db.stages.complete(team.id, run.id, 0, { metrics: {} });
    await env.db.stages.start(team.id, run.id, 1);
    await env.db.stages.complete(team.id, run.id, 1, { metrics: {} });
    // The worker died while stage 2 was running: the re-delivered job resumes there.
    await env.db.stages.start(team.id, run.id, 2);
    const resume = await env.db.stages.nextToRun(team.id, run.id);
    expect(resume).toMatchObject({ index: 2, state: 'running', attempt: 1 });
    expect((await env.db.stages.start(team.id, run.id, 2)).stage.attempt).toBe(2);
    await env.db.stages.fail(team.id, run.id, 2, { code: 'PLUGIN_FAILED', message: 'boom', log: 'x'.repeat(70_000) + 'END' });
    const failed = await env.db.stages.get(team.id, run.id, 2);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'PLUGIN_FAILED', message: 'boom' } });
    expect(failed.logExcerpt).toHaveLength(65536);
    expect(failed.logExcerpt.endsWith('END')).toBe(true);
    expect((await env.db.stages.nextToRun(team.id, run.id))?.index).toBe(2);
    await env.db.stages.complete(team.id, run.id, 2, { metrics: {} });
    expect(await env.db.stages.nextToRun(team.id, run.id)).toBeNull();
  });

  it('validates results', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id);
    await expectCode(env.db.stages.complete(team.id, run.id, 0, { metrics: null as never }), 'BAD_USER_INPUT');
    await expectCode(env.db.stages.complete(team.id, run.id, 0, { metrics: {}, artifact: { sha256: 'nope', sizeBytes: 1 } }), 'BAD_USER_INPUT');
    await expectCode(env.db.stages.fail(team.id, run.id, 0, { code: 'WHATEVER', message: 'x' }), 'BAD_USER_INPUT');
    await expectCode(env.db.stages.get(team.id, run.id, 7), 'NOT_FOUND');
    await expectCode(env.db.stages.complete(team.id, run.id, 7, { metrics: {} }), 'NOT_FOUND');
  });

  it('never shows or changes a stage through another team', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const run = await seedRun(env.db, teamA.id);
    const attempts = [
      env.db.stages.list(teamB.id, run.id),
      env.db.stages.get(teamB.id, run.id, 0),
      env.db.stages.nextToRun(teamB.id, run.id),
      env.db.stages.start(teamB.id, run.id, 0),
      env.db.stages.complete(teamB.id, run.id, 0, { metrics: { stolen: true } }),
      env.db.stages.fail(teamB.id, run.id, 0, { code: 'INTERNAL', message: 'x' }),
    ];
    for (const attempt of attempts) await expectCode(attempt, 'NOT_FOUND');
    expect((await env.db.stages.list(teamA.id, run.id)).map((stage) => stage.state)).toEqual(['pending', 'pending']);
  });
});
