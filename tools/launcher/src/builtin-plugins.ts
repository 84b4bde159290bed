/**
 * The built-in plugins as `npm start` registers them: libs/pipeline's built-in registry bundles
 * every plugins/<name>/src/index.ts (esbuild, then the manifest read in a sandbox) and caches each
 * bundle under a hash of everything that goes into it, so an unchanged plugin is not rebuilt; each
 * bundle is stored as a blob (content-addressed: the same bytes are stored once) and published as
 * a built-in plugin version through the gateway's seedPlatform (publishing the same bundle again
 * changes nothing). Published versions are immutable: a plugin whose code changed under the same
 * version keeps its published bundle, with a warning to bump the version.
 */
import { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { BlobStore, Database } from '@edgepress/db';
import { seedPlatform, type SeededPlugin } from '@edgepress/gateway';
import { createBuiltinRegistry } from '@edgepress/pipeline';
import { serializePluginBundle } from '@edgepress/plugin-host';

export interface SeededBuiltins {
  readonly published: SeededPlugin[];
  /** Plugins left out (their bundle did not build, or changed without a version bump). */
  readonly skipped: { name: string; reason: string }[];
}

/** Builds (or reuses) every built-in bundle and publishes it; one broken plugin does not stop the others. */
export async function seedBuiltinPlugins(db: Database, blobs: BlobStore, cacheDir: string, logger: Logger): Promise<SeededBuiltins> {
  const registry = createBuiltinRegistry({ cacheDir });
  const published: SeededPlugin[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const name of await registry.names()) {
    try {
      const started = Date.now();
      const bundle = await registry.resolve(name, '*');
      if (bundle === undefined) continue;
      const blob = await blobs.put(Readable.from([Buffer.from(serializePluginBundle(bundle))]));
      const [seeded] = (await seedPlatform(db, { builtInPlugins: [{ manifest: bundle.manifest, bundleSha256: blob.sha256 }], blobs, demoTeam: false })).plugins;
      if (seeded) published.push(seeded);
      logger.info({ plugin: name, version: bundle.manifest.version, bundleSha256: blob.sha256, ms: Date.now() - started }, 'built-in plugin registered');
    } catch (error) {
      const reason =
        error instanceof EdgepressError && error.code === ErrorCode.CONFLICT
          ? `${error.message} (its code changed but its version did not: the published bundle stays in use)`
          : error instanceof Error
            ? error.message
            : String(error);
      skipped.push({ name, reason });
      logger.warn({ plugin: name, err: error }, 'built-in plugin not registered');
    }
  }
  return { published, skipped };
}
