/**
 * The plugins a run may use, as libs/pipeline's PluginRegistry over the database: the team's own
 * plugins and the built-ins (db.plugins scopes every lookup to the team), each version's bundle
 * read from the blob store by its address. Runs pin exact versions when they are created, so a
 * range here is an exact version; yanked versions still resolve (a run that pinned one keeps it).
 *
 * Threat model: a stored bundle is untrusted bytes (a team's upload). It is parsed here and then
 * checked by libs/pipeline's staticRegistry, which verifies its shape and that its code and
 * manifest still hash to its sha256; the sandbox host checks it again before it runs. Verified
 * bundles are kept by blob address (immutable content). Tests: test/platform-e2e.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { BlobStore, Database } from '@edgepress/db';
import { staticRegistry, type PluginRegistry } from '@edgepress/pipeline';
import { readBlobBytes } from './blob-bytes';

type PluginBundle = NonNullable<Awaited<ReturnType<PluginRegistry['resolve']>>>;

/** Bundles of 16 MiB of code at most (plugin-host's cap), plus the manifest and signatures. */
const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;
const CACHED_BUNDLES = 64;

export class BundleCache {
  private readonly bundles = new Map<string, PluginBundle>();

  constructor(private readonly blobs: BlobStore) {}

  /** The verified bundle stored at `sha256`, which must be plugin `name` at exactly `version`. */
  async get(sha256: string, name: string, version: string): Promise<PluginBundle> {
    const cached = this.bundles.get(sha256);
    if (cached) return cached;
    const label = `${name}@${version}`;
    const bytes = await readBlobBytes(this.blobs, sha256, MAX_BUNDLE_BYTES, `bundle of ${label}`);
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    } catch {
      throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `The stored bundle of ${label} is not JSON`);
    }
    const bundle = await staticRegistry([value as PluginBundle]).resolve(name, version);
    if (bundle === undefined) throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `The stored bundle of ${label} holds another plugin or version`);
    if (this.bundles.size >= CACHED_BUNDLES) this.bundles.delete(this.bundles.keys().next().value as string);
    this.bundles.set(sha256, bundle);
    return bundle;
  }
}

export function databaseRegistry(db: Database, bundles: BundleCache, teamId: string): PluginRegistry {
  const versionsOf = async (name: string) => {
    // A name no plugin could have (BAD_USER_INPUT) is simply not there; other failures propagate.
    const plugin = await db.plugins.findByName(teamId, name).catch((error: unknown) => {
      if (error instanceof EdgepressError && error.code === ErrorCode.BAD_USER_INPUT) return null;
      throw error;
    });
    return plugin ? { plugin, versions: await db.plugins.listVersions(teamId, plugin.id, { includeYanked: true }) } : null;
  };
  return {
    async resolve(name, range) {
      const found = await versionsOf(name);
      const version = found?.versions.find((candidate) => candidate.version === range);
      return version ? bundles.get(version.bundleSha256, name, version.version) : undefined;
    },
    async names() {
      const page = await db.plugins.list(teamId, {}, { first: 100 });
      return page.edges.map(({ node }) => node.name).sort();
    },
    async versions(name) {
      return (await versionsOf(name))?.versions.map((version) => version.version) ?? [];
    },
  };
}
