import { randomBytes } from 'node:crypto';
import { LocalFolderBlobStore, openDatabase, type Database } from '@edgepress/db';
import { createTestDatabase, type TestDatabase } from '@edgepress/db/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedPlatform } from '../src';
import { pruneChannels, quantizeInt8 } from './support/fixtures';

let database: TestDatabase;
let db: Database;
let root: string;
let blobs: LocalFolderBlobStore;

beforeAll(async () => {
  database = await createTestDatabase();
  db = openDatabase(database.url);
  root = await mkdtemp(path.join(tmpdir(), 'edgepress-seed-'));
  blobs = new LocalFolderBlobStore({ root });
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
  await rm(root, { recursive: true, force: true });
});

describe('seedPlatform', () => {
  it('registers built-in plugins and a demo team with one token, and is idempotent', async () => {
    const bundle = randomBytes(100);
    const plugins = [{ manifest: quantizeInt8.manifest, bundle }, { manifest: pruneChannels.manifest, bundle: randomBytes(80) }];
    const first = await seedPlatform(db, { builtInPlugins: plugins, blobs });
    expect(first.plugins.map((plugin) => `${plugin.name}@${plugin.version}`)).toEqual(['quantize-int8@1.2.0', 'prune-channels@0.3.1']);
    expect(await blobs.has(first.plugins[0].bundleSha256)).toBe(true);
    expect(first.team?.slug).toBe('demo');
    const identity = await db.tokens.verify(first.demoToken?.secret ?? '');
    expect(identity).toMatchObject({ teamId: first.team?.id, role: 'owner' });

    const second = await seedPlatform(db, { builtInPlugins: plugins, blobs });
    expect(second.team?.id).toBe(first.team?.id);
    expect(second.demoToken).toBeNull();
    expect(second.plugins).toEqual(first.plugins);
    const { rows } = await db.pool.query('SELECT (SELECT count(*)::int FROM plugins) AS plugins, (SELECT count(*)::int FROM plugin_versions) AS versions, (SELECT count(*)::int FROM api_tokens) AS tokens');
    expect(rows[0]).toEqual({ plugins: 2, versions: 2, tokens: 1 });

    // A revoked demo token is replaced on the next start.
    await db.tokens.revoke(first.team?.id ?? '', first.demoToken?.id ?? '');
    expect((await seedPlatform(db, { blobs })).demoToken).not.toBeNull();
  });

  it('refuses a different bundle under a published version, and a bundle missing from the store', async () => {
    await expect(seedPlatform(db, { blobs, demoTeam: false, builtInPlugins: [{ manifest: quantizeInt8.manifest, bundle: randomBytes(100) }] })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(seedPlatform(db, { blobs, demoTeam: false, builtInPlugins: [{ manifest: pruneChannels.manifest, bundleSha256: 'e'.repeat(64) }] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
