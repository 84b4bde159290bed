import { expectCode, seedTeam, sha256Of, useDatabase } from '../testing/fixtures';

describe('DatasetRepository', () => {
  const env = useDatabase();

  it('registers uploaded and built-in datasets', async () => {
    const team = await seedTeam(env.db);
    const lines = await env.db.datasets.create(team.id, {
      name: 'ocr-lines',
      purpose: 'calibration',
      format: 'npy-folder',
      blobSha256: sha256Of('lines'),
      sampleCount: 200,
      inputNames: ['x'],
    });
    expect(lines).toMatchObject({ purpose: 'calibration', format: 'npy-folder', sampleCount: 200, inputNames: ['x'], description: '' });
    const mnist = await env.db.datasets.create(team.id, { name: 'mnist', purpose: 'evaluation', format: 'mnist-builtin', sampleCount: 10_000 });
    expect(mnist.blobSha256).toBeNull();
    expect(await env.db.datasets.get(team.id, lines.id)).toEqual(lines);
    await env.db.datasets.delete(team.id, mnist.id);
    await expectCode(env.db.datasets.get(team.id, mnist.id), 'NOT_FOUND');
  });

  it('requires a blob exactly when the format is not built in', async () => {
    const team = await seedTeam(env.db);
    await expectCode(env.db.datasets.create(team.id, { name: 'a', purpose: 'evaluation', format: 'jsonl', sampleCount: 1 }), 'BAD_USER_INPUT');
    await expectCode(
      env.db.datasets.create(team.id, { name: 'b', purpose: 'evaluation', format: 'mnist-builtin', blobSha256: sha256Of('x'), sampleCount: 1 }),
      'BAD_USER_INPUT',
    );
    await expectCode(env.db.datasets.create(team.id, { name: 'c', purpose: 'training' as never, format: 'mnist-builtin', sampleCount: 1 }), 'BAD_USER_INPUT');
    await expectCode(env.db.datasets.create(team.id, { name: 'd', purpose: 'evaluation', format: 'mnist-builtin', sampleCount: -1 }), 'BAD_USER_INPUT');
  });

  it('filters by purpose and name and rejects duplicate names', async () => {
    const team = await seedTeam(env.db);
    await env.db.datasets.create(team.id, { name: 'calib', purpose: 'calibration', format: 'jsonl', blobSha256: sha256Of('c'), sampleCount: 5 });
    await env.db.datasets.create(team.id, { name: 'eval', purpose: 'evaluation', format: 'onnx-tensors', blobSha256: sha256Of('e'), sampleCount: 5 });
    const names = async (filter: Parameters<typeof env.db.datasets.list>[1]) =>
      (await env.db.datasets.list(team.id, filter)).edges.map((edge) => edge.node.name);
    expect(await names({})).toEqual(['eval', 'calib']);
    expect(await names({ purpose: 'calibration' })).toEqual(['calib']);
    expect(await names({ search: 'EV' })).toEqual(['eval']);
    await expect(
      env.db.datasets.create(team.id, { name: 'calib', purpose: 'evaluation', format: 'mnist-builtin', sampleCount: 1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });
  });

  it('never shows or deletes a dataset through another team', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const dataset = await env.db.datasets.create(teamA.id, { name: 'private', purpose: 'evaluation', format: 'mnist-builtin', sampleCount: 1 });
    await expectCode(env.db.datasets.get(teamB.id, dataset.id), 'NOT_FOUND');
    await expectCode(env.db.datasets.delete(teamB.id, dataset.id), 'NOT_FOUND');
    expect((await env.db.datasets.list(teamB.id)).edges).toEqual([]);
    expect(await env.db.datasets.get(teamA.id, dataset.id)).toEqual(dataset);
  });
});
