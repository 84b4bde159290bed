import { randomUUID } from 'node:crypto';
import { expectCode, seedRun, seedTeam, sha256Of, useDatabase } from '../testing/fixtures';

describe('ModelRepository', () => {
  const env = useDatabase();

  it('registers, reads, updates and deletes a model', async () => {
    const team = await seedTeam(env.db);
    const model = await env.db.models.create(team.id, {
      name: 'ppocr-cls',
      description: 'direction classifier',
      blobSha256: sha256Of('bytes'),
      sizeBytes: 583_000,
      summary: { parameters: 145_000, operators: { Conv: 10 } },
    });
    expect(model).toMatchObject({ teamId: team.id, name: 'ppocr-cls', format: 'onnx', sizeBytes: 583_000, summary: { parameters: 145_000 } });
    expect(await env.db.models.get(team.id, model.id)).toEqual(model);
    expect((await env.db.models.update(team.id, model.id, { description: 'v2' })).description).toBe('v2');
    await env.db.models.delete(team.id, model.id);
    await expectCode(env.db.models.get(team.id, model.id), 'NOT_FOUND');
  });

  it('keeps the dimension values given at registration, and refuses malformed ones', async () => {
    const team = await seedTeam(env.db);
    const input = { name: 'cls', blobSha256: sha256Of('cls'), sizeBytes: 1, summary: {} };
    const model = await env.db.models.create(team.id, { ...input, dimensions: { 'p2o.DynamicDimension.1': 48, 'p2o.DynamicDimension.2': 192 } });
    expect((await env.db.models.get(team.id, model.id)).dimensions).toEqual({ 'p2o.DynamicDimension.1': 48, 'p2o.DynamicDimension.2': 192 });
    expect((await env.db.models.create(team.id, { ...input, name: 'none' })).dimensions).toEqual({});
    const tooMany = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`d${i}`, 1]));
    for (const dimensions of [{ batch: -1 }, { batch: 1.5 }, { batch: 2 ** 31 }, { '': 1 }, { batch: '1' }, tooMany, [1]]) {
      await expect(env.db.models.create(team.id, { ...input, name: 'bad', dimensions: dimensions as unknown as Record<string, number> })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(/dimension/),
      });
    }
  });

  it('rejects duplicate names with CONFLICT on name and bad hashes with BAD_USER_INPUT', async () => {
    const team = await seedTeam(env.db);
    const input = { name: 'dup', blobSha256: sha256Of('a'), sizeBytes: 1, summary: {} };
    await env.db.models.create(team.id, input);
    await expect(env.db.models.create(team.id, input)).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });
    await expectCode(env.db.models.create(team.id, { ...input, name: 'other', blobSha256: 'ABC' }), 'BAD_USER_INPUT');
    await expectCode(env.db.models.create(team.id, { ...input, name: 'other', sizeBytes: -1 }), 'BAD_USER_INPUT');
  });

  it('refuses to delete a model that runs use', async () => {
    const team = await seedTeam(env.db);
    const run = await seedRun(env.db, team.id);
    await expectCode(env.db.models.delete(team.id, run.modelId), 'CONFLICT');
    expect((await env.db.models.get(team.id, run.modelId)).id).toBe(run.modelId);
  });

  it('pages without duplicates or gaps, newest first, also when rows share created_at', async () => {
    const team = await seedTeam(env.db);
    // 12 rows in one transaction share now(); 13 more come one by one.
    await env.db.transaction(async (tx) => {
      for (let i = 0; i < 12; i += 1) await tx.models.create(team.id, { name: `batch-${i}`, blobSha256: sha256Of(`b${i}`), sizeBytes: i, summary: {} });
    });
    for (let i = 0; i < 13; i += 1) await env.db.models.create(team.id, { name: `single-${i}`, blobSha256: sha256Of(`s${i}`), sizeBytes: i, summary: {} });

    const { rows: expected } = await env.db.pool.query<{ id: string }>('SELECT id FROM models WHERE team_id = $1 ORDER BY created_at DESC, id DESC', [team.id]);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await env.db.models.list(team.id, {}, { first: 7, after });
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages += 1;
      if (pages === 2) {
        // A row inserted mid-way is newer than every position already read, so it never shifts the pages.
        await env.db.models.create(team.id, { name: 'late', blobSha256: sha256Of('late'), sizeBytes: 1, summary: {} });
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(expected.map((row) => row.id));
    expect(new Set(seen).size).toBe(25);
  });

  it('searches by name and validates page arguments', async () => {
    const team = await seedTeam(env.db);
    await env.db.models.create(team.id, { name: 'ResNet_50', blobSha256: sha256Of('r'), sizeBytes: 1, summary: {} });
    await env.db.models.create(team.id, { name: 'ResNetX50', blobSha256: sha256Of('x'), sizeBytes: 1, summary: {} });
    expect((await env.db.models.list(team.id, { search: 'resnet_' })).edges.map((edge) => edge.node.name)).toEqual(['ResNet_50']);
    await expectCode(env.db.models.list(team.id, {}, { first: 0 }), 'BAD_USER_INPUT');
    await expectCode(env.db.models.list(team.id, {}, { first: 101 }), 'BAD_USER_INPUT');
    await expectCode(env.db.models.list(team.id, {}, { after: 'garbage' }), 'BAD_USER_INPUT');
    const forged = Buffer.from(JSON.stringify(["2020-01-01T00:00:00.000000Z'; --", randomUUID()])).toString('base64url');
    await expectCode(env.db.models.list(team.id, {}, { after: forged }), 'BAD_USER_INPUT');
  });

  it('never shows or changes a model through another team', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const model = await env.db.models.create(teamA.id, { name: 'private', blobSha256: sha256Of('p'), sizeBytes: 1, summary: {} });
    await expectCode(env.db.models.get(teamB.id, model.id), 'NOT_FOUND');
    await expectCode(env.db.models.update(teamB.id, model.id, { name: 'stolen' }), 'NOT_FOUND');
    await expectCode(env.db.models.delete(teamB.id, model.id), 'NOT_FOUND');
    expect((await env.db.models.list(teamB.id)).edges).toEqual([]);
    expect((await env.db.models.list(teamB.id, { search: 'private' })).edges).toEqual([]);
    // Team B may use the same name: names are per team.
    await env.db.models.create(teamB.id, { name: 'private', blobSha256: sha256Of('p'), sizeBytes: 1, summary: {} });
    expect(await env.db.models.get(teamA.id, model.id)).toEqual(model);
  });
});
