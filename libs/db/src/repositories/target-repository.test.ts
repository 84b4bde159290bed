import { expectCode, seedTeam, useDatabase } from '../testing/fixtures';

const spec = { id: 'my-board', kind: 'mcu', memory: { sramKb: 512, flashKb: 2048 }, precisions: ['int8'] };

describe('TargetRepository', () => {
  const env = useDatabase();

  it('creates, reads, updates and deletes a team target', async () => {
    const team = await seedTeam(env.db);
    const target = await env.db.targets.create(team.id, { slug: 'my-board', kind: 'mcu', name: 'My board', spec });
    expect(target).toMatchObject({ teamId: team.id, slug: 'my-board', kind: 'mcu', name: 'My board', spec });
    expect(await env.db.targets.get(team.id, target.id)).toEqual(target);
    expect(await env.db.targets.findBySlug(team.id, 'my-board')).toEqual(target);
    const updated = await env.db.targets.update(team.id, target.id, { name: 'My board v2', spec: { ...spec, precisions: ['int8', 'int4'] } });
    expect(updated).toMatchObject({ name: 'My board v2', kind: 'mcu', spec: { precisions: ['int8', 'int4'] } });
    await expectCode(env.db.targets.update(team.id, target.id, {}), 'BAD_USER_INPUT');
    await env.db.targets.delete(team.id, target.id);
    await expectCode(env.db.targets.get(team.id, target.id), 'NOT_FOUND');
    expect(await env.db.targets.findBySlug(team.id, 'my-board')).toBeNull();
  });

  it('keeps slugs unique per team, not across teams', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    await env.db.targets.create(teamA.id, { slug: 'edge-box', kind: 'cpu', name: 'Edge box', spec });
    await expect(env.db.targets.create(teamA.id, { slug: 'edge-box', kind: 'cpu', name: 'Again', spec })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'id' },
    });
    await expect(env.db.targets.create(teamB.id, { slug: 'edge-box', kind: 'gpu', name: 'Theirs', spec })).resolves.toMatchObject({ kind: 'gpu' });
  });

  it('validates kind, slug and spec', async () => {
    const team = await seedTeam(env.db);
    await expectCode(env.db.targets.create(team.id, { slug: 'x', kind: 'tpu' as never, name: 'X', spec }), 'BAD_USER_INPUT');
    await expectCode(env.db.targets.create(team.id, { slug: '../x', kind: 'cpu', name: 'X', spec }), 'BAD_USER_INPUT');
    await expectCode(env.db.targets.create(team.id, { slug: 'x', kind: 'cpu', name: 'X', spec: [] as never }), 'BAD_USER_INPUT');
    await expectCode(env.db.targets.create(team.id, { slug: 'x', kind: 'cpu', name: 'X', spec: { blob: 'x'.repeat(70_000) } }), 'BAD_USER_INPUT');
  });

  it('filters by kind and name', async () => {
    const team = await seedTeam(env.db);
    await env.db.targets.create(team.id, { slug: 'pi', kind: 'cpu', name: 'Raspberry 100%', spec });
    await env.db.targets.create(team.id, { slug: 'coral', kind: 'npu', name: 'Coral', spec });
    await env.db.targets.create(team.id, { slug: 'jetson', kind: 'gpu', name: 'Jetson', spec });
    const slugs = async (filter: Parameters<typeof env.db.targets.list>[1]) =>
      (await env.db.targets.list(team.id, filter)).edges.map((edge) => edge.node.slug);
    expect(await slugs({})).toEqual(['jetson', 'coral', 'pi']);
    expect(await slugs({ kind: 'npu' })).toEqual(['coral']);
    expect(await slugs({ search: 'JET' })).toEqual(['jetson']);
    expect(await slugs({ search: '100%' })).toEqual(['pi']);
    expect(await slugs({ search: '%' })).toEqual(['pi']);
  });

  it('never shows or changes a target through another team', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const target = await env.db.targets.create(teamA.id, { slug: 'secret-board', kind: 'npu', name: 'Secret', spec });
    await expectCode(env.db.targets.get(teamB.id, target.id), 'NOT_FOUND');
    expect(await env.db.targets.findBySlug(teamB.id, 'secret-board')).toBeNull();
    await expectCode(env.db.targets.update(teamB.id, target.id, { name: 'Stolen' }), 'NOT_FOUND');
    await expectCode(env.db.targets.delete(teamB.id, target.id), 'NOT_FOUND');
    expect((await env.db.targets.list(teamB.id)).edges).toEqual([]);
    expect(await env.db.targets.get(teamA.id, target.id)).toEqual(target);
  });
});
