/**
 * Where a pipeline finds the plugins its stages name. The CLI uses the built-in plugins
 * (builtin-registry.ts); the platform supplies bundles from its database; tests use a fixed list.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { verifyPluginBundle, type PluginBundle } from '@edgepress/plugin-host';
import semver from 'semver';

export interface PluginRegistry {
  /** The bundle of plugin `name` whose version satisfies `range` (the highest), or undefined. */
  resolve(name: string, range: string): Promise<PluginBundle | undefined>;
  /** The names of the plugins the registry holds, for messages. */
  names(): Promise<readonly string[]>;
  /** The versions of one plugin, for messages. */
  versions(name: string): Promise<readonly string[]>;
}

/** A registry over bundles in memory (verified when added). */
export function staticRegistry(bundles: readonly PluginBundle[]): PluginRegistry {
  const verified = bundles.map((bundle) => verifyPluginBundle(bundle).bundle);
  return {
    async resolve(name, range) {
      const matching = verified.filter((bundle) => bundle.manifest.name === name && semver.satisfies(bundle.manifest.version, range));
      return matching.sort((a, b) => semver.rcompare(a.manifest.version, b.manifest.version))[0];
    },
    async names() {
      return [...new Set(verified.map((bundle) => bundle.manifest.name))].sort();
    },
    async versions(name) {
      return verified.filter((bundle) => bundle.manifest.name === name).map((bundle) => bundle.manifest.version);
    },
  };
}

/** Resolves a stage's plugin or fails with BAD_USER_INPUT naming it and what exists. */
export async function requirePlugin(registry: PluginRegistry, name: string, range: string, stage: number): Promise<PluginBundle> {
  const bundle = await registry.resolve(name, range);
  if (bundle !== undefined) return bundle;
  const names = await registry.names();
  const versions = names.includes(name) ? await registry.versions(name) : [];
  const message =
    versions.length > 0
      ? `Stage ${stage + 1}: plugin ${name} has no version matching ${range} (available: ${versions.join(', ')})`
      : `Stage ${stage + 1}: unknown plugin ${JSON.stringify(name)}; known plugins: ${names.join(', ') || 'none'}`;
  throw new EdgepressError(ErrorCode.BAD_USER_INPUT, message, { details: { stage, plugin: name } });
}
