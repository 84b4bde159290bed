/**
 * The built-in plugins as `npm start` registers them: every plugins/<name>/src/index.ts bundled with
 * libs/plugin-host's buildPluginBundle (esbuild, then the manifest read in a sandbox), stored as
 * a blob and published as a built-in plugin version through the gateway's seedPlatform.
 *
 * Building a bundle takes seconds, so bundles are cached under <home>/plugin-bundles keyed by a
 * hash of their sources (the plugin's src and package.json, and the SDK that is bundled in);
 * an unchanged plugin is not rebuilt, and publishing the same bundle again changes nothing.
 * Published versions are immutable: a plugin whose code changed under the same version keeps
 * its published bundle, with a warning to bump the version.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { BlobStore, Database } from '@edgepress/db';
import { seedPlatform, type SeededPlugin } from '@edgepress/gateway';
import { buildPluginBundle, parsePluginBundle, PLUGIN_BUNDLE_FORMAT, serializePluginBundle, type PluginBundle } from '@edgepress/plugin-host';

export interface BuiltinPluginSource {
  readonly name: string;
  readonly entry: string;
  /** sha256 over the plugin's sources and the SDK's: the cache key of its bundle. */
  readonly sourceHash: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(full)));
    else if (/\.(ts|js|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) files.push(full);
  }
  return files.sort();
}

async function hashFiles(root: string, files: readonly string[], hash = createHash('sha256')): Promise<ReturnType<typeof createHash>> {
  for (const file of files) {
    hash.update(`${path.relative(root, file)}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash;
}

/** Every plugins/<name> with a package.json and src/index.ts (folders starting with "_" are scratch). */
export async function findBuiltinPlugins(repoRoot: string): Promise<BuiltinPluginSource[]> {
  const pluginsDir = path.join(repoRoot, 'plugins');
  const sdkFiles = [...(await filesUnder(path.join(repoRoot, 'libs', 'plugin-sdk', 'src'))), path.join(repoRoot, 'libs', 'plugin-sdk', 'package.json')];
  const sdkHash = (await hashFiles(repoRoot, sdkFiles)).digest('hex');
  const found: BuiltinPluginSource[] = [];
  for (const entry of (await readdir(pluginsDir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const dir = path.join(pluginsDir, entry.name);
    const entryFile = path.join(dir, 'src', 'index.ts');
    const ready = await Promise.all([stat(entryFile), stat(path.join(dir, 'package.json'))]).then(
      () => true,
      () => false,
    );
    if (!ready) continue;
    const hash = createHash('sha256').update(`${PLUGIN_BUNDLE_FORMAT}\0${sdkHash}\0`);
    await hashFiles(repoRoot, [...(await filesUnder(path.join(dir, 'src'))), path.join(dir, 'package.json')], hash);
    found.push({ name: entry.name, entry: entryFile, sourceHash: hash.digest('hex') });
  }
  return found;
}

/** The plugin's bundle from the cache when its sources are unchanged, else freshly built and cached. */
export async function bundleFor(source: BuiltinPluginSource, cacheDir: string): Promise<{ bundle: PluginBundle; cached: boolean }> {
  const cacheFile = path.join(cacheDir, `${source.name}.${source.sourceHash.slice(0, 16)}.bundle.json`);
  const cached = await readFile(cacheFile, 'utf8').catch(() => null);
  if (cached !== null) {
    try {
      return { bundle: parsePluginBundle(cached), cached: true };
    } catch {
      // A damaged cache entry is rebuilt below.
    }
  }
  const bundle = await buildPluginBundle(source.entry);
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(temporary, serializePluginBundle(bundle));
  await rename(temporary, cacheFile);
  return { bundle, cached: false };
}

export interface SeededBuiltins {
  readonly published: SeededPlugin[];
  /** Plugins left out (their bundle did not build, or changed without a version bump). */
  readonly skipped: { name: string; reason: string }[];
}

/** Builds (or reuses) every built-in bundle and publishes it; one broken plugin does not stop the others. */
export async function seedBuiltinPlugins(db: Database, blobs: BlobStore, repoRoot: string, cacheDir: string, logger: Logger): Promise<SeededBuiltins> {
  const published: SeededPlugin[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const source of await findBuiltinPlugins(repoRoot)) {
    try {
      const started = Date.now();
      const { bundle, cached } = await bundleFor(source, cacheDir);
      const bytes = Buffer.from(serializePluginBundle(bundle));
      const blob = await blobs.put(Readable.from([bytes]));
      const [seeded] = (await seedPlatform(db, { builtInPlugins: [{ manifest: bundle.manifest, bundleSha256: blob.sha256 }], blobs, demoTeam: false })).plugins;
      if (seeded) published.push(seeded);
      logger.info({ plugin: source.name, version: bundle.manifest.version, bundleSha256: blob.sha256, cached, ms: Date.now() - started }, 'built-in plugin registered');
    } catch (error) {
      const reason =
        error instanceof EdgepressError && error.code === ErrorCode.CONFLICT
          ? `${error.message} (its code changed but its version did not: the published bundle stays in use)`
          : error instanceof Error
            ? error.message
            : String(error);
      skipped.push({ name: source.name, reason });
      logger.warn({ plugin: source.name, err: error }, 'built-in plugin not registered');
    }
  }
  return { published, skipped };
}
