/**
 * seedPlatform: what `npm start` needs in an empty (or already seeded) database. Idempotent:
 * built-in plugins are upserted and their versions published once (the same version with a
 * different bundle is a CONFLICT: published versions are immutable); the demo team is created once;
 * a demo token is created only when the team has no usable token named "demo" (its secret is
 * returned that one time: the caller keeps it, e.g. in .edgepress/).
 * Tests: test/seed.test.ts.
 */
import { Readable } from 'node:stream';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { BlobStore, Database, Team } from '@edgepress/db';
import type { PluginManifest } from '@edgepress/plugin-sdk';

export interface BuiltInPlugin {
  manifest: PluginManifest;
  /** The bundle's address in the blob store (when the caller stored it already) ... */
  bundleSha256?: string;
  /** ... or the bundle bytes, stored here (needs `blobs`). */
  bundle?: Uint8Array;
  signature?: string | null;
}

export interface SeedOptions {
  builtInPlugins?: readonly BuiltInPlugin[];
  /** Stores `bundle` bytes and checks that `bundleSha256` blobs exist. */
  blobs?: BlobStore;
  /** The demo team (default slug "demo"); false: no team, no token. */
  demoTeam?: { slug: string; name: string } | false;
}

export interface SeededPlugin {
  name: string;
  version: string;
  bundleSha256: string;
}

export interface SeedResult {
  plugins: SeededPlugin[];
  team: Team | null;
  /** The demo token's secret when this call created it; null when one existed already. */
  demoToken: { id: string; secret: string } | null;
}

const DEMO_TOKEN_NAME = 'demo';

export async function seedPlatform(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const plugins: SeededPlugin[] = [];
  for (const plugin of options.builtInPlugins ?? []) plugins.push(await seedPlugin(db, plugin, options.blobs));
  if (options.demoTeam === false) return { plugins, team: null, demoToken: null };
  const { slug, name } = options.demoTeam ?? { slug: 'demo', name: 'Demo team' };
  const team = (await db.teams.findBySlug(slug)) ?? (await db.teams.create({ slug, name }));
  return { plugins, team, demoToken: await ensureDemoToken(db, team.id) };
}

async function seedPlugin(db: Database, plugin: BuiltInPlugin, blobs: BlobStore | undefined): Promise<SeededPlugin> {
  const { manifest } = plugin;
  if (typeof manifest !== 'object' || manifest === null || typeof manifest.paramsSchema !== 'object' || manifest.paramsSchema === null) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a plugin manifest with a paramsSchema object for builtInPlugins[].manifest');
  }
  let bundleSha256 = plugin.bundleSha256;
  if (plugin.bundle !== undefined) {
    if (!blobs) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `seedPlatform needs options.blobs to store the bundle of ${manifest.name}`);
    bundleSha256 = (await blobs.put(Readable.from([Buffer.from(plugin.bundle)]), { expectedSha256: plugin.bundleSha256 })).sha256;
  } else if (bundleSha256 !== undefined && blobs && !(await blobs.has(bundleSha256))) {
    throw new EdgepressError(ErrorCode.NOT_FOUND, `The bundle ${bundleSha256} of ${manifest.name} is not in the blob store`);
  }
  if (bundleSha256 === undefined) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected bundle or bundleSha256 for the built-in plugin ${manifest.name}`);
  const row = await db.plugins.ensureBuiltin({ name: manifest.name, description: manifest.description });
  const version = await db.plugins.publishBuiltinVersion(row.id, {
    version: manifest.version,
    manifest: JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>,
    paramsSchema: JSON.parse(JSON.stringify(manifest.paramsSchema)) as Record<string, unknown>,
    bundleSha256,
    signature: plugin.signature ?? null,
  });
  if (version.bundleSha256 !== bundleSha256) {
    throw new EdgepressError(ErrorCode.CONFLICT, `${manifest.name}@${manifest.version} is already published with another bundle; bump the version`);
  }
  return { name: manifest.name, version: version.version, bundleSha256 };
}

async function ensureDemoToken(db: Database, teamId: string): Promise<{ id: string; secret: string } | null> {
  let after: string | null = null;
  for (;;) {
    const page = await db.tokens.list(teamId, { first: 100, after });
    const usable = page.edges.some(
      ({ node }) => node.name === DEMO_TOKEN_NAME && node.revokedAt === null && (node.expiresAt === null || node.expiresAt.getTime() > Date.now()),
    );
    if (usable) return null;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  const { token, secret } = await db.tokens.create(teamId, { name: DEMO_TOKEN_NAME, role: 'owner' });
  return { id: token.id, secret };
}
