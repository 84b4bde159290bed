/**
 * Trust boundary 1, authentication and authorization: missing, malformed, unknown, revoked and
 * expired tokens are UNAUTHENTICATED (401) and change nothing; each role is refused what it may
 * not do (a case per mutation, generated from the schema); per-token and failed-attempt rate
 * limits answer 429 RATE_LIMITED with Retry-After.
 */
import { buildGatewaySchema } from '../src';
import { codes, graphql, ok } from './support/graphql-client';
import { snapshot } from './support/fixtures';
import { startHarness, type Harness } from './support/harness';

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const SHA = 'c'.repeat(64);

/** Each mutation with arguments that are well formed; role checks come before any lookup. */
const MUTATIONS: Record<string, { query: string; minimum: 'member' | 'admin' }> = {
  cancelRun: { query: `mutation { cancelRun(id: "${SOME_ID}") { id } }`, minimum: 'member' },
  createApiToken: { query: 'mutation { createApiToken(input: { name: "t", role: VIEWER }) { secret } }', minimum: 'admin' },
  createRun: { query: `mutation { createRun(input: { modelId: "${SOME_ID}", pipelineId: "${SOME_ID}" }) { id } }`, minimum: 'member' },
  createTarget: { query: 'mutation { createTarget(definition: { id: "x" }) { id } }', minimum: 'admin' },
  deleteDataset: { query: `mutation { deleteDataset(id: "${SOME_ID}") }`, minimum: 'member' },
  deleteModel: { query: `mutation { deleteModel(id: "${SOME_ID}") }`, minimum: 'member' },
  deletePipeline: { query: `mutation { deletePipeline(id: "${SOME_ID}") }`, minimum: 'member' },
  deleteTarget: { query: 'mutation { deleteTarget(id: "my-board") }', minimum: 'admin' },
  registerDataset: { query: `mutation { registerDataset(input: { name: "d", purpose: CALIBRATION, format: JSONL, blobSha256: "${SHA}", sampleCount: 1 }) { id } }`, minimum: 'member' },
  registerModel: { query: `mutation { registerModel(input: { name: "m", blobSha256: "${SHA}" }) { id } }`, minimum: 'member' },
  rerun: { query: `mutation { rerun(id: "${SOME_ID}") { id } }`, minimum: 'member' },
  revokeApiToken: { query: `mutation { revokeApiToken(id: "${SOME_ID}") { id } }`, minimum: 'admin' },
  savePipeline: { query: 'mutation { savePipeline(input: { name: "p", spec: { targetId: "raspberry-pi-4", stages: [] } }) { id } }', minimum: 'member' },
  updateModel: { query: `mutation { updateModel(id: "${SOME_ID}", input: { name: "n" }) { id } }`, minimum: 'member' },
  updatePipeline: { query: `mutation { updatePipeline(id: "${SOME_ID}", input: { name: "n" }) { id } }`, minimum: 'member' },
  updateTarget: { query: 'mutation { updateTarget(id: "my-board", definition: {}) { id } }', minimum: 'admin' },
};

describe('authentication and roles', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('refuses missing, malformed, unknown, revoked and expired tokens with 401 and changes nothing', async () => {
    const revoked = await h.db.tokens.create(h.a.team.id, { name: 'old', role: 'owner' });
    await h.db.tokens.revoke(h.a.team.id, revoked.token.id);
    const expired = await h.db.tokens.create(h.a.team.id, { name: 'expired', role: 'owner', expiresAt: new Date(Date.now() - 1000) });
    const tampered = h.a.tokens.owner.slice(0, -4) + 'AAAA';
    const before = await snapshot(h.db);
    for (const token of [null, 'not-a-token', `ep_zzzzzzzzzzzz_${'a'.repeat(43)}`, tampered, revoked.secret, expired.secret]) {
      const response = await graphql(h.url, token, 'mutation { createApiToken(input: { name: "sneaky", role: OWNER }) { secret } }');
      expect(response.status).toBe(401);
      expect(codes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.errors?.[0].message).not.toMatch(/revoked_at|SELECT|Context creation/);
    }
    const basic = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' }, body: '{"query":"{ viewer { role } }"}' });
    expect(basic.status).toBe(401);
    expect(await snapshot(h.db)).toEqual(before);
  });

  it('a revoked token stops working at once', async () => {
    const created = await ok(h.url, h.a.tokens.admin, 'mutation { createApiToken(input: { name: "short-lived", role: MEMBER }) { token { id prefix } secret } }');
    const secret = created.createApiToken.secret as string;
    expect(secret.startsWith(`ep_${created.createApiToken.token.prefix}_`)).toBe(true);
    expect((await ok(h.url, secret, '{ viewer { role permissions } }')).viewer).toEqual({ role: 'MEMBER', permissions: ['READ', 'UPLOAD', 'RUN', 'MANAGE_PIPELINES'] });
    await ok(h.url, h.a.tokens.admin, 'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', { id: created.createApiToken.token.id });
    expect(codes(await graphql(h.url, secret, '{ viewer { role } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('an account\'s token lists the account\'s teams to switch to, but reads members of its own team only', async () => {
    const account = await h.db.accounts.create({ email: `ada-${process.pid}@example.com`, displayName: 'Ada' });
    await h.db.teams.addMember(h.a.team.id, account.id, 'admin');
    await h.db.teams.addMember(h.b.team.id, account.id, 'viewer');
    const { secret } = await h.db.tokens.create(h.a.team.id, { name: 'ada', role: 'admin', createdBy: account.id });
    const data = await ok(h.url, secret, '{ viewer { account { email } team { id members { nodes { account { displayName } role } } } teams { team { id } role } } }');
    expect(data.viewer.account).toEqual({ email: account.email });
    expect(data.viewer.team.members.nodes).toEqual([{ account: { displayName: 'Ada' }, role: 'ADMIN' }]);
    expect(data.viewer.teams.map((entry: { team: { id: string }; role: string }) => [entry.team.id, entry.role]).sort()).toEqual(
      [[h.a.team.id, 'ADMIN'], [h.b.team.id, 'VIEWER']].sort(),
    );
    const other = await graphql(h.url, secret, '{ viewer { teams { team { id members { nodes { role } } } } } }');
    expect(codes(other)).toEqual(['FORBIDDEN']);
  });

  it('has a role case for every mutation of the schema', async () => {
    const schema = await buildGatewaySchema();
    expect(Object.keys(MUTATIONS).sort()).toEqual(Object.keys(schema.getMutationType()?.getFields() ?? {}).sort());
  });

  for (const [field, { query, minimum }] of Object.entries(MUTATIONS)) {
    it(`${field}: refused below the ${minimum} role, without changes`, async () => {
      const below = minimum === 'admin' ? (['viewer', 'member'] as const) : (['viewer'] as const);
      for (const role of below) {
        const before = await snapshot(h.db);
        const response = await graphql(h.url, h.a.tokens[role], query);
        expect(codes(response)).toEqual(['FORBIDDEN']);
        expect(await snapshot(h.db)).toEqual(before);
      }
      // The role that may: whatever it answers, it is not FORBIDDEN.
      expect(codes(await graphql(h.url, h.a.tokens[minimum], query))).not.toContain('FORBIDDEN');
    });
  }
});

describe('rate limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rateLimit: { perToken: { capacity: 5, refillPerSecond: 0.01 }, failuresPerAddress: { capacity: 3, refillPerSecond: 0.01 } } });
  });
  afterAll(async () => h?.close());

  it('gives each token its own bucket: the sixth request is 429 RATE_LIMITED with Retry-After', async () => {
    for (let request = 0; request < 5; request += 1) expect(codes(await graphql(h.url, h.a.tokens.viewer, '{ viewer { role } }'))).toEqual([]);
    const limited = await graphql(h.url, h.a.tokens.viewer, '{ viewer { role } }');
    expect(limited.status).toBe(429);
    expect(codes(limited)).toEqual(['RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const blob = await fetch(`${h.url}/v1/blobs/${'d'.repeat(64)}`, { headers: { authorization: `Bearer ${h.a.tokens.viewer}` } });
    expect(blob.status).toBe(429);
    expect(codes(await graphql(h.url, h.a.tokens.member, '{ viewer { role } }'))).toEqual([]);
  });

  it('slows token guessing: after 3 failures from an address even a valid token waits', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) expect(codes(await graphql(h.url, `ep_guessguess12_${'g'.repeat(43)}`, '{ viewer { role } }'))).toEqual(['UNAUTHENTICATED']);
    const limited = await graphql(h.url, h.b.tokens.viewer, '{ viewer { role } }');
    expect(limited.status).toBe(429);
    expect(codes(limited)).toEqual(['RATE_LIMITED']);
  });
});
