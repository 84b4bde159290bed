import { expectCode, seedTeam, sha256Of, useDatabase } from '../testing/fixtures';

function version(v: string, bundle = v) {
  return { version: v, manifest: { name: 'x', version: v }, paramsSchema: { type: 'object' }, bundleSha256: sha256Of(bundle) };
}

describe('PluginRepository', () => {
  const env = useDatabase();

  it('seeds built-in plugins idempotently and shows them to every team', async () => {
    const first = await env.db.plugins.ensureBuiltin({ name: 'quantize-int8', description: 'int8' });
    const again = await env.db.plugins.ensureBuiltin({ name: 'quantize-int8', description: 'int8 (QDQ)' });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ builtin: true, ownerTeamId: null, description: 'int8 (QDQ)' });
    const v1 = await env.db.plugins.publishBuiltinVersion(first.id, version('1.0.0'));
    expect(await env.db.plugins.publishBuiltinVersion(first.id, version('1.0.0'))).toEqual(v1);
    await expect(env.db.plugins.publishBuiltinVersion(first.id, version('1.0.0', 'other bundle'))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'version' },
    });
    for (const team of [await seedTeam(env.db), await seedTeam(env.db)]) {
      expect((await env.db.plugins.findByName(team.id, 'quantize-int8'))?.latestVersion).toBe('1.0.0');
      expect((await env.db.plugins.get(team.id, first.id)).builtin).toBe(true);
      await expectCode(env.db.plugins.publishVersion(team.id, first.id, version('2.0.0')), 'FORBIDDEN');
      await expectCode(env.db.plugins.setYanked(team.id, first.id, '1.0.0', true), 'FORBIDDEN');
    }
  });

  it('orders versions by semver and leaves yanked versions out of latest', async () => {
    const team = await seedTeam(env.db);
    const plugin = await env.db.plugins.create(team.id, { name: 'my-pruner' });
    for (const v of ['1.2.0', '1.10.0', '1.9.0', '1.10.0-beta.1', '0.9.9']) await env.db.plugins.publishVersion(team.id, plugin.id, version(v));
    const listed = await env.db.plugins.listVersions(team.id, plugin.id);
    expect(listed.map((v) => v.version)).toEqual(['1.10.0', '1.10.0-beta.1', '1.9.0', '1.2.0', '0.9.9']);
    expect((await env.db.plugins.get(team.id, plugin.id)).latestVersion).toBe('1.10.0');
    await env.db.plugins.setYanked(team.id, plugin.id, '1.10.0', true);
    expect((await env.db.plugins.get(team.id, plugin.id)).latestVersion).toBe('1.10.0-beta.1');
    expect((await env.db.plugins.listVersions(team.id, plugin.id)).map((v) => v.version)).not.toContain('1.10.0');
    expect((await env.db.plugins.listVersions(team.id, plugin.id, { includeYanked: true }))[0]).toMatchObject({ version: '1.10.0', yanked: true });
    expect((await env.db.plugins.getVersion(team.id, plugin.id, '1.9.0')).paramsSchema).toEqual({ type: 'object' });
    await expectCode(env.db.plugins.getVersion(team.id, plugin.id, '9.9.9'), 'NOT_FOUND');
    await expectCode(env.db.plugins.publishVersion(team.id, plugin.id, version('1.2')), 'BAD_USER_INPUT');
    await expect(env.db.plugins.publishVersion(team.id, plugin.id, version('1.2.0', 'changed'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps names unique per owner and reserves built-in names', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    await env.db.plugins.ensureBuiltin({ name: 'prune-channels' });
    await expect(env.db.plugins.create(teamA.id, { name: 'prune-channels' })).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });
    await env.db.plugins.create(teamA.id, { name: 'shared-name' });
    await expect(env.db.plugins.create(teamA.id, { name: 'shared-name' })).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });
    await expect(env.db.plugins.create(teamB.id, { name: 'shared-name' })).resolves.toMatchObject({ ownerTeamId: teamB.id });
    await expectCode(env.db.plugins.create(teamA.id, { name: 'Bad Name' }), 'BAD_USER_INPUT');
  });

  it('never shows or changes a team plugin through another team', async () => {
    const teamA = await seedTeam(env.db);
    const teamB = await seedTeam(env.db);
    const plugin = await env.db.plugins.create(teamA.id, { name: 'secret-plugin', description: 'ours' });
    await env.db.plugins.publishVersion(teamA.id, plugin.id, version('1.0.0'));
    await expectCode(env.db.plugins.get(teamB.id, plugin.id), 'NOT_FOUND');
    expect(await env.db.plugins.findByName(teamB.id, 'secret-plugin')).toBeNull();
    await expectCode(env.db.plugins.listVersions(teamB.id, plugin.id), 'NOT_FOUND');
    await expectCode(env.db.plugins.getVersion(teamB.id, plugin.id, '1.0.0'), 'NOT_FOUND');
    await expectCode(env.db.plugins.publishVersion(teamB.id, plugin.id, version('2.0.0')), 'NOT_FOUND');
    await expectCode(env.db.plugins.setYanked(teamB.id, plugin.id, '1.0.0', true), 'NOT_FOUND');
    const visibleToB = (await env.db.plugins.list(teamB.id, {}, { first: 100 })).edges.map((edge) => edge.node.name);
    expect(visibleToB).not.toContain('secret-plugin');
    expect((await env.db.plugins.list(teamA.id, { builtin: false })).edges.map((edge) => edge.node.name)).toEqual(['secret-plugin']);
    expect((await env.db.plugins.getVersion(teamA.id, plugin.id, '1.0.0')).yanked).toBe(false);
  });
});
