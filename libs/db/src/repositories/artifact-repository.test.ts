import { expectCode, seedRun, seedTeam, sha256Of, useDatabase } from '../testing/fixtures';

describe('ArtifactRepository', () => {
  const env = useDatabase();

  it('lists stage models in order and the run reports last (JSON, then HTML); recording twice keeps the first', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id);
    await env.db.stages.complete(team.id, run.id, 1, { metrics: {}, artifact: { sha256: sha256Of('s1'), sizeBytes: 10 } });
    await env.db.stages.complete(team.id, run.id, 0, { metrics: {}, artifact: { sha256: sha256Of('s0'), sizeBytes: 20 } });
    const report = await env.db.artifacts.record(team.id, run.id, { stageIndex: null, kind: 'report', blobSha256: sha256Of('report'), sizeBytes: 5 });
    const again = await env.db.artifacts.record(team.id, run.id, { stageIndex: null, kind: 'report', blobSha256: sha256Of('other'), sizeBytes: 6 });
    expect(again).toEqual(report);
    const html = await env.db.artifacts.record(team.id, run.id, { stageIndex: null, kind: 'report-html', blobSha256: sha256Of('report.html'), sizeBytes: 7 });
    expect(await env.db.artifacts.record(team.id, run.id, { stageIndex: null, kind: 'report-html', blobSha256: sha256Of('other.html'), sizeBytes: 8 })).toEqual(html);
    const listed = await env.db.artifacts.listForRun(team.id, run.id);
    expect(listed.map((artifact) => [artifact.stageIndex, artifact.kind, artifact.blobSha256, artifact.sizeBytes])).toEqual([
      [0, 'model', sha256Of('s0'), 20],
      [1, 'model', sha256Of('s1'), 10],
      [null, 'report', sha256Of('report'), 5],
      [null, 'report-html', sha256Of('report.html'), 7],
    ]);
    expect(await env.db.artifacts.get(team.id, listed[0].id)).toEqual(listed[0]);
  });

  it('refuses artifacts of unknown stages, runs and kinds', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id);
    await expectCode(env.db.artifacts.record(team.id, run.id, { stageIndex: 9, kind: 'report', blobSha256: sha256Of('x'), sizeBytes: 1 }), 'NOT_FOUND');
    await expectCode(env.db.artifacts.listForRun(team.id, team.id), 'NOT_FOUND');
    await expectCode(env.db.artifacts.record(team.id, run.id, { stageIndex: null, kind: 'report-pdf' as never, blobSha256: sha256Of('x'), sizeBytes: 1 }), 'BAD_USER_INPUT');
  });

  it('never shows or records an artifact through another team', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const run = await seedRun(env.db, teamA.id);
    const { stage } = await env.db.stages.complete(teamA.id, run.id, 0, { metrics: {}, artifact: { sha256: sha256Of('a0'), sizeBytes: 1 } });
    const [artifact] = await env.db.artifacts.listForRun(teamA.id, run.id);
    await expectCode(env.db.artifacts.get(teamB.id, artifact.id), 'NOT_FOUND');
    await expectCode(env.db.artifacts.listForRun(teamB.id, run.id), 'NOT_FOUND');
    await expectCode(env.db.artifacts.record(teamB.id, run.id, { stageIndex: null, kind: 'report', blobSha256: sha256Of('r'), sizeBytes: 1 }), 'NOT_FOUND');
    expect((await env.db.artifacts.listForRun(teamA.id, run.id)).map((a) => a.blobSha256)).toEqual([stage.artifactSha256]);
  });
});
