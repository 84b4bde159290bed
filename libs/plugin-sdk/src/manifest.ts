/** The plugin manifest: what the host, the marketplace and the console know about a plugin. */

export const PLUGIN_KINDS = ['quantize', 'prune', 'factorize', 'distill', 'transform', 'export'] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];

/** JSON Schema (draft 2020-12) of a plugin's params, as exported from its zod schema. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface PluginManifest {
  /** kebab-case, optionally scoped by team: `prune-magnitude`, `@acme/prune-fancy`. */
  readonly name: string;
  /** semver of the plugin. */
  readonly version: string;
  readonly kind: PluginKind;
  readonly description: string;
  /** semver range of the SDK the plugin needs. */
  readonly engines: string;
  /** The SDK version the plugin was built with. */
  readonly sdkVersion: string;
  /** JSON Schema of the params, with defaults and descriptions (forms in the console). */
  readonly paramsSchema: JsonSchema;
}

export const PLUGIN_NAME_PATTERN = /^(@[a-z0-9][a-z0-9-]{0,38}\/)?[a-z][a-z0-9-]{0,62}$/;
