/**
 * The built-in plugins (plugins/<name>/src/index.ts of this workspace) as a PluginRegistry. A
 * plugin is bundled with buildPluginBundle the first time it is asked for and cached on disk under
 * a content hash of everything that goes into the bundle (the plugin's sources, the SDK's and the
 * error codes' sources, the versions of zod, semver and esbuild), so a later run, in any process,
 * reuses it until one of them changes. A cache file is verified like any bundle (a modified one is
 * rebuilt, never run). Built-in names are plain kebab-case: nothing a stage names can reach
 * outside the plugins folder. Tests: builtin-registry.test.ts.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { buildPluginBundle, parsePluginBundle, serializePluginBundle, verifyPluginBundle, type PluginBundle } from '@edgepress/plugin-host';
import semver from 'semver';
import type { PluginRegistry } from './plugin-registry';

const WORKSPACE = path.resolve(__dirname, '../../../..');
const BUILTIN_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const CACHE_FORMAT = 'edgepress-builtin-cache/1';

export interface BuiltinRegistryOptions {
  /** Folder of the built-in plugins (default: this workspace's plugins/). */
  readonly pluginsDir?: string;
  /** Where bundles are cached (default: node_modules/.cache/edgepress/plugins in this workspace). */
  readonly cacheDir?: string;
  /** Source folders bundled into every plugin, hashed with it (default: libs/plugin-sdk/src and libs/errors/src). */
  readonly sharedSources?: readonly string[];
}

async function sourceFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string) => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') await visit(full);
      else if (entry.isFile() && /\.(ts|js|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) found.push(full);
    }
  };
  await visit(folder);
  return found.sort();
}

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function createBuiltinRegistry(options: BuiltinRegistryOptions = {}): PluginRegistry {
  const pluginsDir = options.pluginsDir ?? path.join(WORKSPACE, 'plugins');
  const cacheDir = options.cacheDir ?? path.join(WORKSPACE, 'node_modules', '.cache', 'edgepress', 'plugins');
  const shared = options.sharedSources ?? [path.join(WORKSPACE, 'libs', 'plugin-sdk', 'src'), path.join(WORKSPACE, 'libs', 'errors', 'src')];
  const built = new Map<string, Promise<PluginBundle | undefined>>();

  async function contentHash(pluginDir: string): Promise<string> {
    const hash = createHash('sha256');
    hash.update(`${CACHE_FORMAT}\0zod ${packageVersion('zod')}\0semver ${packageVersion('semver')}\0esbuild ${packageVersion('esbuild')}\0`);
    for (const folder of [path.join(pluginDir, 'src'), ...shared]) {
      for (const file of await sourceFiles(folder)) {
        hash.update(`${path.relative(WORKSPACE, file)}\0`);
        hash.update(await fs.readFile(file));
        hash.update('\0');
      }
    }
    return hash.digest('hex');
  }

  async function readCached(file: string): Promise<PluginBundle | undefined> {
    try {
      return verifyPluginBundle(parsePluginBundle(await fs.readFile(file, 'utf8'))).bundle;
    } catch {
      return undefined;
    }
  }

  async function build(name: string): Promise<PluginBundle | undefined> {
    const pluginDir = path.join(pluginsDir, name);
    const entry = path.join(pluginDir, 'src', 'index.ts');
    try {
      await fs.access(entry);
    } catch {
      return undefined;
    }
    const cacheFile = path.join(cacheDir, `${name}-${(await contentHash(pluginDir)).slice(0, 24)}.json`);
    const cached = await readCached(cacheFile);
    if (cached !== undefined && cached.manifest.name === name) return cached;
    const bundle = await buildPluginBundle(entry);
    if (bundle.manifest.name !== name) {
      throw new EdgepressError(ErrorCode.INTERNAL, `The built-in plugin in plugins/${name} calls itself ${bundle.manifest.name}; its folder and manifest names must agree`);
    }
    await fs.mkdir(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temporary, serializePluginBundle(bundle));
    await fs.rename(temporary, cacheFile);
    return bundle;
  }

  function bundleOf(name: string): Promise<PluginBundle | undefined> {
    let pending = built.get(name);
    if (pending === undefined) {
      pending = build(name);
      built.set(name, pending);
      pending.catch(() => built.delete(name));
    }
    return pending;
  }

  async function hasEntry(name: string): Promise<boolean> {
    try {
      await fs.access(path.join(pluginsDir, name, 'src', 'index.ts'));
      return true;
    } catch {
      return false;
    }
  }

  return {
    async resolve(name, range) {
      if (!BUILTIN_NAME.test(name)) return undefined;
      const bundle = await bundleOf(name);
      return bundle !== undefined && semver.satisfies(bundle.manifest.version, range) ? bundle : undefined;
    },
    async names() {
      let entries;
      try {
        entries = await fs.readdir(pluginsDir, { withFileTypes: true });
      } catch {
        return [];
      }
      const candidates = entries.filter((entry) => entry.isDirectory() && BUILTIN_NAME.test(entry.name)).map((entry) => entry.name);
      const present = await Promise.all(candidates.map(hasEntry));
      return candidates.filter((_name, i) => present[i]).sort();
    },
    async versions(name) {
      if (!BUILTIN_NAME.test(name)) return [];
      const bundle = await bundleOf(name).catch(() => undefined);
      return bundle === undefined ? [] : [bundle.manifest.version];
    },
  };
}
