import { expectCode, seedTeam, useDatabase } from '../testing/fixtures';

const spec = {
  targetId: 'raspberry-pi-4',
  stages: [
    { plugin: 'prune-channels', versionRange: '^1.0.0', params: { sparsity: 0.3 } },
    { plugin: 'quantize-int8', versionRange: '^1.0.0', params: {} },
  ],
  constraints: { maxAccuracyDrop: 0.01 },
};

describe('PipelineRepository', () => {
  const env = useDatabase();

  it('saves, reads, updates and deletes a pipeline with its spec unchanged', async () => {
    const team = await seedTeam(env.db);
    const pipeline = await env.db.pipelines.create(team.id, { name: 'prune+quantize', spec });
    expect(pipeline.spec).toEqual(spec);
    expect(await env.db.pipelines.get(team.id, pipeline.id)).toEqual(pipeline);
    const updated = await env.db.pipelines.update(team.id, pipeline.id, { spec: { ...spec, constraints: {} }, description: 'fast' });
    expect(updated).toMatchObject({ description: 'fast', spec: { constraints: {} } });
    await env.db.pipelines.delete(team.id, pipeline.id);
    await expectCode(env.db.pipelines.get(team.id, pipeline.id), 'NOT_FOUND');
  });

  it('rejects duplicate names and non-object specs', async () => {
    const team = await seedTeam(env.db);
    await env.db.pipelines.create(team.id, { name: 'p', spec });
    await expect(env.db.pipelines.create(team.id, { name: 'p', spec })).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });
    await expectCode(env.db.pipelines.create(team.id, { name: 'q', spec: 'x' as never }), 'BAD_USER_INPUT');
  });

  it('lists with a name search', async () => {
    const team = await seedTeam(env.db);
    await env.db.pipelines.create(team.id, { name: 'int8 only', spec });
    await env.db.pipelines.create(team.id, { name: 'prune then int4', spec });
    expect((await env.db.pipelines.list(team.id, { search: 'prune' })).edges.map((edge) => edge.node.name)).toEqual(['prune then int4']);
    expect((await env.db.pipelines.list(team.id)).edges).toHaveLength(2);
  });

  it('never shows or changes a pipeline through another team', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const pipeline = await env.db.pipelines.create(teamA.id, { name: 'mine', spec });
    await expectCode(env.db.pipelines.get(teamB.id, pipeline.id), 'NOT_FOUND');
    await expectCode(env.db.pipelines.update(teamB.id, pipeline.id, { name: 'theirs' }), 'NOT_FOUND');
    await expectCode(env.db.pipelines.delete(teamB.id, pipeline.id), 'NOT_FOUND');
    expect((await env.db.pipelines.list(teamB.id)).edges).toEqual([]);
    expect(await env.db.pipelines.get(teamA.id, pipeline.id)).toEqual(pipeline);
  });
});
