import { expectCode, seedRun, seedTeam, sha256Of, useDatabase } from '../testing/fixtures';

describe('BlobReferenceRepository', () => {
  const env = useDatabase();

  it('shows a blob to the teams whose rows name it, and built-in bundles to everyone', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const model = await env.db.models.create(teamA.id, { name: 'm', blobSha256: sha256Of('model'), sizeBytes: 1, summary: {} });
    const run = await seedRun(env.db, teamA.id, { modelId: model.id });
    await env.db.stages.complete(teamA.id, run.id, 0, { metrics: {}, artifact: { sha256: sha256Of('artifact'), sizeBytes: 1 } });
    await env.db.datasets.create(teamA.id, { name: 'd', purpose: 'evaluation', format: 'jsonl', blobSha256: sha256Of('dataset'), sampleCount: 1 });
    const builtin = await env.db.plugins.ensureBuiltin({ name: 'quantize-int8' });
    const bundle = { manifest: {}, paramsSchema: {} };
    await env.db.plugins.publishBuiltinVersion(builtin.id, { ...bundle, version: '1.0.0', bundleSha256: sha256Of('builtin') });
    const own = await env.db.plugins.create(teamA.id, { name: 'own' });
    await env.db.plugins.publishVersion(teamA.id, own.id, { ...bundle, version: '1.0.0', bundleSha256: sha256Of('own') });

    for (const content of ['model', 'artifact', 'dataset', 'builtin', 'own']) {
      expect(await env.db.blobReferences.isVisibleToTeam(teamA.id, sha256Of(content))).toBe(true);
      expect(await env.db.blobReferences.isReferenced(sha256Of(content))).toBe(true);
    }
    for (const content of ['model', 'artifact', 'dataset', 'own']) {
      expect(await env.db.blobReferences.isVisibleToTeam(teamB.id, sha256Of(content))).toBe(false);
    }
    expect(await env.db.blobReferences.isVisibleToTeam(teamB.id, sha256Of('builtin'))).toBe(true);
    expect(await env.db.blobReferences.isReferenced(sha256Of('nothing'))).toBe(false);
    await expectCode(env.db.blobReferences.isVisibleToTeam(teamA.id, '../etc/passwd'), 'BAD_USER_INPUT');
  });
});
