import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { PluginManifest, PluginTarget, SupportDecision } from '@edgepress/plugin-sdk';
import type { PluginBundle } from '../bundle/plugin-bundle';
import { verifyPluginBundle, type VerifyBundleOptions } from '../bundle/verify-bundle';
import { DEFAULT_INSPECT_LIMITS, resolveSandboxLimits, type SandboxLimits } from './limits';
import { runSandboxSession } from './sandbox-session';
import { bundleLabel, checkParams, checkRegisteredManifest, checkTarget } from './stage-inputs';

export interface InspectBundleOptions {
  readonly params?: unknown;
  readonly target?: PluginTarget;
  /** Defaults for inspection: 10 s of CPU, 30 s of wall time. */
  readonly limits?: Partial<SandboxLimits>;
  readonly trust?: VerifyBundleOptions;
  readonly signal?: AbortSignal;
}

export interface BundleInspection {
  readonly manifest: PluginManifest;
  /** The params after the plugin's schema applied its defaults. */
  readonly params: unknown;
  /** supports(target), when a target was given (always supported: unsupported targets throw). */
  readonly support: SupportDecision | undefined;
}

function readInspection(json: string | undefined, label: string): { params: unknown; support: SupportDecision | undefined } {
  const fail = () => new EdgepressError(ErrorCode.PLUGIN_FAILED, `Plugin ${label}: its params or supports() answer cannot be read`);
  let value: { params?: unknown; support?: unknown };
  try {
    value = JSON.parse(json ?? 'null') as typeof value;
  } catch {
    throw fail();
  }
  if (value === null || typeof value !== 'object') throw fail();
  const support = value.support as { supported?: unknown; reason?: unknown } | undefined;
  if (support === undefined) return { params: value.params, support: undefined };
  if (support.supported === true) return { params: value.params, support: { supported: true } };
  if (support.supported === false && typeof support.reason === 'string') return { params: value.params, support: { supported: false, reason: support.reason } };
  throw fail();
}

/**
 * Checks params against the plugin's own schema and asks supports(target), inside a sandbox,
 * without running the stage: the pipeline calls it for every stage before anything runs. Throws
 * BAD_USER_INPUT for invalid params or an unsupported target, like runPluginStage would.
 */
export async function inspectPluginBundle(bundle: PluginBundle, options: InspectBundleOptions = {}): Promise<BundleInspection> {
  const verified = verifyPluginBundle(bundle, options.trust).bundle;
  const limits = resolveSandboxLimits({ ...DEFAULT_INSPECT_LIMITS, ...options.limits });
  checkParams(options.params);
  const target = checkTarget(options.target, false);
  const label = bundleLabel(verified);
  const session = await runSandboxSession({ code: verified.code, label, phase: 'inspect', params: options.params, target, limits, signal: options.signal });
  checkRegisteredManifest(session.outcome.manifestJson, verified, label);
  const { params, support } = readInspection(session.outcome.valueJson, label);
  if (support !== undefined && !support.supported) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Plugin ${label}: does not support target ${target?.id ?? ''}: ${support.reason}`, { details: { plugin: label } });
  }
  return { manifest: verified.manifest, params, support };
}
