/**
 * Bundles a plugin module into one self-contained script with esbuild and extracts its manifest
 * by running the script in a sandbox (plugin code never runs in the host process). The script
 * targets no platform: Node built-ins are refused at build time with a clear message, and zod,
 * semver and the SDK are bundled in, so the bundle runs in a bare isolate.
 * Tests: build-bundle.test.ts.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { build, type Message, type Plugin as EsbuildPlugin } from 'esbuild';
import { DEFAULT_INSPECT_LIMITS, resolveSandboxLimits, type SandboxLimits } from '../host/limits';
import { runSandboxSession } from '../host/sandbox-session';
import { validateManifest } from './manifest-shape';
import { computeBundleHash, PLUGIN_BUNDLE_FORMAT, type PluginBundle } from './plugin-bundle';

export interface BuildBundleOptions {
  /** Limits for the sandbox that extracts the manifest (defaults: 10 s of CPU, 30 s of wall time). */
  readonly limits?: Partial<SandboxLimits>;
}

const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules);

const refuseNodeBuiltins: EsbuildPlugin = {
  name: 'edgepress-refuse-node-builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[a-z_:@][\w./:@-]*$/ }, (args) => {
      const bare = args.path.startsWith('node:') ? args.path.slice('node:'.length) : args.path;
      if (!args.path.startsWith('node:') && !NODE_BUILTINS.has(bare) && !NODE_BUILTINS.has(bare.split('/')[0] ?? '')) return undefined;
      return {
        errors: [{ text: `imports the Node built-in "${args.path}", but plugins run in a sandbox without Node APIs (use the StageContext: ctx.model, ctx.tensors, ctx.kernels, ...)` }],
      };
    });
  },
};

function formatMessages(messages: readonly Message[]): string {
  return messages
    .slice(0, 10)
    .map((message) => (message.location ? `${message.location.file}:${message.location.line}: ${message.text}` : message.text))
    .join('; ');
}

async function bundleCode(entryFile: string): Promise<string> {
  const entry = path.resolve(entryFile);
  const wrapper = [
    `import plugin from ${JSON.stringify(entry)};`,
    `import { exposePlugin } from '@edgepress/plugin-sdk/sandbox';`,
    'exposePlugin(plugin);',
  ].join('\n');
  try {
    const result = await build({
      stdin: { contents: wrapper, resolveDir: path.dirname(entry), sourcefile: 'edgepress-plugin-entry.js', loader: 'js' },
      absWorkingDir: path.dirname(entry),
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'iife',
      target: 'es2022',
      mainFields: ['module', 'main'],
      define: { 'process.env.NODE_ENV': '"production"' },
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
      plugins: [refuseNodeBuiltins],
    });
    const output = result.outputFiles[0];
    if (output === undefined) throw new Error('esbuild produced no output');
    return output.text;
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    const detail = Array.isArray(errors) && errors.length > 0 ? formatMessages(errors) : (error as Error).message;
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Cannot bundle the plugin ${path.basename(entry)}: ${detail}`, { cause: error });
  }
}

/** Builds a bundle from a module whose default export is the result of definePlugin. */
export async function buildPluginBundle(entryFile: string, options: BuildBundleOptions = {}): Promise<PluginBundle> {
  if (typeof entryFile !== 'string' || entryFile.length === 0) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a file path for entryFile but received ${typeof entryFile}`);
  }
  const code = await bundleCode(entryFile);
  const label = path.basename(entryFile);
  const session = await runSandboxSession({ code, label, phase: 'manifest', limits: resolveSandboxLimits({ ...DEFAULT_INSPECT_LIMITS, ...options.limits }) });
  let manifest: unknown;
  try {
    manifest = JSON.parse(session.outcome.manifestJson);
  } catch {
    throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `Plugin ${label}: its manifest is not JSON`);
  }
  const checked = validateManifest(manifest, `Plugin ${label}: manifest`);
  return Object.freeze({ format: PLUGIN_BUNDLE_FORMAT, manifest: checked, code, sha256: computeBundleHash(checked, code), signatures: Object.freeze([]) });
}
