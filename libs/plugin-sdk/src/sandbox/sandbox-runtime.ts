/**
 * The contract between a plugin bundle and the sandbox it runs in. The host's bootstrap installs a
 * registry under SANDBOX_REGISTRY_GLOBAL before the bundle runs; the bundle's wrapper calls
 * `exposePlugin(plugin)`, which registers a SandboxRuntime; the bootstrap then drives its phases.
 * Everything on this side of the contract runs inside the isolate and is the plugin's to change,
 * so the host never relies on it for safety: limits and validation are enforced outside.
 */
import type { StageResult } from '../context/stage-context';
import type { PluginManifest } from '../manifest';
import type { HostBridge } from '../protocol';
import type { PluginTarget, SupportDecision } from '../target';
import type { PLUGIN_API_VERSION } from '../version';

/** The global name under which the sandbox bootstrap offers its registry to the bundle. */
export const SANDBOX_REGISTRY_GLOBAL = '__edgepressSandbox';

export interface PreparedStage {
  /** The params after the plugin's own schema applied its defaults. */
  readonly params: unknown;
  /** The plugin's answer to supports(target), when a target was given. */
  readonly support: SupportDecision | undefined;
}

export interface SandboxRuntime {
  readonly apiVersion: typeof PLUGIN_API_VERSION;
  readonly manifest: PluginManifest;
  /** Parses raw params (throws BAD_USER_INPUT naming each bad field) and asks supports(target) when given one. */
  prepare(rawParams: unknown, target: PluginTarget | undefined): PreparedStage;
  /** Runs the stage with params returned by `prepare`. */
  run(bridge: HostBridge, params: unknown, target: PluginTarget, calibrationBatches: number): Promise<StageResult | void>;
}

export interface SandboxRegistry {
  register(runtime: SandboxRuntime): void;
}
