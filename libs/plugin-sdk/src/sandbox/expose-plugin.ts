import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { createStageContext } from '../create-stage-context';
import type { Plugin } from '../define-plugin';
import type { HostBridge } from '../protocol';
import type { PluginTarget } from '../target';
import { PLUGIN_API_VERSION } from '../version';
import { SANDBOX_REGISTRY_GLOBAL, type SandboxRegistry } from './sandbox-runtime';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const apiVersion = (value as { apiVersion?: unknown }).apiVersion;
  return apiVersion === undefined ? 'an object without apiVersion' : `an object with apiVersion ${String(apiVersion)}`;
}

function isPlugin(value: unknown): value is Plugin {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof Plugin, unknown>>;
  return (
    candidate.apiVersion === PLUGIN_API_VERSION &&
    typeof candidate.manifest === 'object' &&
    candidate.manifest !== null &&
    typeof candidate.parseParams === 'function' &&
    typeof candidate.supports === 'function' &&
    typeof candidate.run === 'function'
  );
}

function sandboxRegistry(): SandboxRegistry {
  const registry = (globalThis as Record<string, unknown>)[SANDBOX_REGISTRY_GLOBAL];
  if (typeof registry !== 'object' || registry === null || typeof (registry as SandboxRegistry).register !== 'function') {
    throw new EdgepressError(ErrorCode.INTERNAL, 'exposePlugin: no Edgepress sandbox registry found; plugin bundles run only inside the sandbox');
  }
  return registry as SandboxRegistry;
}

/**
 * Called by the bundle wrapper with the plugin module's default export: hands the plugin to the
 * sandbox bootstrap. Params are parsed and supports() is asked here, inside the sandbox, with the
 * plugin's own schema; the stage context is built from the bootstrap's bridge.
 */
export function exposePlugin(plugin: unknown): void {
  if (!isPlugin(plugin)) {
    throw new EdgepressError(
      ErrorCode.BAD_USER_INPUT,
      `exposePlugin: expected the default export of the plugin module to be the result of definePlugin (apiVersion ${PLUGIN_API_VERSION}) but received ${describe(plugin)}`,
    );
  }
  sandboxRegistry().register(
    Object.freeze({
      apiVersion: PLUGIN_API_VERSION,
      manifest: plugin.manifest,
      prepare(rawParams: unknown, target: PluginTarget | undefined) {
        const params = plugin.parseParams(rawParams);
        return Object.freeze({ params, support: target === undefined ? undefined : plugin.supports(target) });
      },
      run(bridge: HostBridge, params: unknown, target: PluginTarget, calibrationBatches: number) {
        return plugin.run(createStageContext(bridge, target, calibrationBatches), params as never);
      },
    }),
  );
}
