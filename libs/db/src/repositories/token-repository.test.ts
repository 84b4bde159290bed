import { createHash, randomUUID } from 'node:crypto';
import { expectCode, seedTeam, useDatabase } from '../testing/fixtures';

describe('TokenRepository', () => {
  const env = useDatabase();

  it('returns the secret once and stores only its hash', async () => {
    const team = await seedTeam(env.db);
    const { token, secret } = await env.db.tokens.create(team.id, { name: 'ci', role: 'member' });
    expect(secret).toMatch(/^ep_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(secret.slice(3, 15)).toBe(token.prefix);
    expect(token).not.toHaveProperty('secretHash');

    const secretPart = secret.slice(16);
    const { rows } = await env.db.pool.query<{ row: string; hash: Buffer }>(
      'SELECT row_to_json(t)::text AS row, secret_hash AS hash FROM api_tokens t WHERE id = $1',
      [token.id],
    );
    expect(rows[0].row).not.toContain(secret);
    expect(rows[0].row).not.toContain(secretPart);
    expect(rows[0].row).not.toContain(Buffer.from(secretPart).toString('hex'));
    expect(rows[0].hash.equals(createHash('sha256').update(secretPart).digest())).toBe(true);
  });

  it('verifies a token to its team and role and records its use', async () => {
    const team = await seedTeam(env.db);
    const account = await env.db.accounts.create({ email: `${randomUUID()}@example.com`, displayName: 'Owner' });
    const { token, secret } = await env.db.tokens.create(team.id, { name: 'cli', role: 'admin', createdBy: account.id });
    expect(token.lastUsedAt).toBeNull();
    expect(await env.db.tokens.verify(secret)).toEqual({ tokenId: token.id, teamId: team.id, role: 'admin', createdBy: account.id });
    expect((await env.db.tokens.get(team.id, token.id)).lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses tampered, unknown and malformed tokens with the same UNAUTHENTICATED error', async () => {
    const team = await seedTeam(env.db);
    const { secret } = await env.db.tokens.create(team.id, { name: 'ci', role: 'member' });
    const last = secret[secret.length - 1];
    const tampered = secret.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    const otherPrefix = `ep_${'z'.repeat(12)}${secret.slice(15)}`;
    const errors = await Promise.all(
      [tampered, otherPrefix, 'ep_short', '', `${secret}x`, secret.toUpperCase()].map((candidate) =>
        env.db.tokens.verify(candidate).catch((error: unknown) => error),
      ),
    );
    for (const error of errors) expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'The API token is invalid, expired or revoked' });
  });

  it('stops accepting a revoked token and keeps the first revocation time', async () => {
    const team = await seedTeam(env.db);
    const { token, secret } = await env.db.tokens.create(team.id, { name: 'ci', role: 'member' });
    const revoked = await env.db.tokens.revoke(team.id, token.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expectCode(env.db.tokens.verify(secret), 'UNAUTHENTICATED');
    const again = await env.db.tokens.revoke(team.id, token.id);
    expect(again.revokedAt).toEqual(revoked.revokedAt);
  });

  it('honours expiry', async () => {
    const team = await seedTeam(env.db);
    const expired = await env.db.tokens.create(team.id, { name: 'old', role: 'viewer', expiresAt: new Date(Date.now() - 1000) });
    const valid = await env.db.tokens.create(team.id, { name: 'new', role: 'viewer', expiresAt: new Date(Date.now() + 3_600_000) });
    await expectCode(env.db.tokens.verify(expired.secret), 'UNAUTHENTICATED');
    expect((await env.db.tokens.verify(valid.secret)).role).toBe('viewer');
    await expectCode(env.db.tokens.create(team.id, { name: 'x', role: 'viewer', expiresAt: new Date('nope') }), 'BAD_USER_INPUT');
  });

  it('lists a team its own tokens only, and never reads or revokes another team token', async () => {
    const teamA = await seedTeam(env.db, 'a');
    const teamB = await seedTeam(env.db, 'b');
    const { token, secret } = await env.db.tokens.create(teamA.id, { name: 'a-token', role: 'owner' });
    await env.db.tokens.create(teamB.id, { name: 'b-token', role: 'owner' });

    await expectCode(env.db.tokens.get(teamB.id, token.id), 'NOT_FOUND');
    await expectCode(env.db.tokens.revoke(teamB.id, token.id), 'NOT_FOUND');
    expect((await env.db.tokens.list(teamB.id)).edges.map((edge) => edge.node.name)).toEqual(['b-token']);
    expect((await env.db.tokens.list(teamA.id)).edges.map((edge) => edge.node.name)).toEqual(['a-token']);
    expect((await env.db.tokens.verify(secret)).teamId).toBe(teamA.id);
  });
});
