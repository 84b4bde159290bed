import { randomUUID } from 'node:crypto';
import { expectCode, seedTeam, useDatabase } from '../testing/fixtures';

describe('TeamRepository', () => {
  const env = useDatabase();

  it('creates, reads, finds by slug and renames a team', async () => {
    const team = await env.db.teams.create({ slug: 'acme', name: 'Acme' });
    expect(await env.db.teams.get(team.id)).toEqual(team);
    expect(await env.db.teams.findBySlug('acme')).toEqual(team);
    expect(await env.db.teams.findBySlug('nobody')).toBeNull();
    const renamed = await env.db.teams.rename(team.id, 'Acme Robotics');
    expect(renamed.name).toBe('Acme Robotics');
    expect(renamed.updatedAt.getTime()).toBeGreaterThanOrEqual(team.updatedAt.getTime());
  });

  it('rejects a taken slug with CONFLICT naming the field, and bad input with BAD_USER_INPUT', async () => {
    await env.db.teams.create({ slug: 'taken', name: 'One' });
    await expect(env.db.teams.create({ slug: 'taken', name: 'Two' })).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'slug' } });
    await expectCode(env.db.teams.create({ slug: 'Not A Slug', name: 'x' }), 'BAD_USER_INPUT');
    await expectCode(env.db.teams.create({ slug: 'ok-slug', name: '' }), 'BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for unknown and malformed ids', async () => {
    await expectCode(env.db.teams.get(randomUUID()), 'NOT_FOUND');
    await expectCode(env.db.teams.get('1; DROP TABLE teams'), 'NOT_FOUND');
  });

  it('manages members with roles', async () => {
    const team = await seedTeam(env.db);
    const ada = await env.db.accounts.create({ email: 'ada@example.com', displayName: 'Ada' });
    const bob = await env.db.accounts.create({ email: 'bob@example.com', displayName: 'Bob' });
    const member = await env.db.teams.addMember(team.id, ada.id, 'owner');
    expect(member).toMatchObject({ teamId: team.id, role: 'owner', account: { id: ada.id, email: 'ada@example.com', displayName: 'Ada' } });
    await env.db.teams.addMember(team.id, bob.id, 'viewer');
    await expect(env.db.teams.addMember(team.id, bob.id, 'admin')).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'accountId' } });
    await expectCode(env.db.teams.addMember(team.id, ada.id, 'king' as never), 'BAD_USER_INPUT');
    expect((await env.db.teams.setMemberRole(team.id, bob.id, 'member')).role).toBe('member');

    const page = await env.db.teams.listMembers(team.id, { first: 1 });
    expect(page.edges.map((edge) => edge.node.account.id)).toEqual([bob.id]);
    const rest = await env.db.teams.listMembers(team.id, { first: 1, after: page.pageInfo.endCursor });
    expect(rest.edges.map((edge) => edge.node.account.id)).toEqual([ada.id]);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    expect(await env.db.teams.listTeamsOfAccount(ada.id)).toEqual([{ team: await env.db.teams.get(team.id), role: 'owner' }]);
    await env.db.teams.removeMember(team.id, bob.id);
    await expectCode(env.db.teams.getMember(team.id, bob.id), 'NOT_FOUND');
    await expectCode(env.db.teams.addMember(team.id, randomUUID(), 'viewer'), 'NOT_FOUND');
  });

  it('never shows or changes a member through another team', async () => {
    const teamA = await seedTeam(env.db, 'a');
    const teamB = await seedTeam(env.db, 'b');
    const carol = await env.db.accounts.create({ email: 'carol@example.com', displayName: 'Carol' });
    await env.db.teams.addMember(teamA.id, carol.id, 'admin');

    await expectCode(env.db.teams.getMember(teamB.id, carol.id), 'NOT_FOUND');
    await expectCode(env.db.teams.setMemberRole(teamB.id, carol.id, 'owner'), 'NOT_FOUND');
    await expectCode(env.db.teams.removeMember(teamB.id, carol.id), 'NOT_FOUND');
    expect((await env.db.teams.listMembers(teamB.id)).edges).toEqual([]);
    expect((await env.db.teams.getMember(teamA.id, carol.id)).role).toBe('admin');
  });
});
