import type { PluginTarget, StageResult } from '@edgepress/plugin-sdk';
import type { PluginBundle } from '../bundle/plugin-bundle';
import { verifyPluginBundle, type VerifyBundleOptions } from '../bundle/verify-bundle';
import type { HostCallHandler } from './host-dispatch';
import { resolveSandboxLimits, type SandboxLimits } from './limits';
import { runSandboxSession, type StageLogEntry, type StageUsage } from './sandbox-session';
import { bundleLabel, checkCalibrationBatches, checkCallback, checkParams, checkRegisteredManifest, checkTarget } from './stage-inputs';
import { parseStageResult } from './stage-result';

export interface RunStageOptions {
  readonly bundle: PluginBundle;
  /** Raw params: the plugin's own schema parses them inside the sandbox. */
  readonly params?: unknown;
  readonly target: PluginTarget;
  /** Answers the plugin's StageContext calls (model, tensors, kernels, calibration, runtime). */
  readonly handler: HostCallHandler;
  readonly calibrationBatches?: number;
  readonly limits?: Partial<SandboxLimits>;
  /** Signature policy; the bundle's hash is always checked. */
  readonly trust?: VerifyBundleOptions;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number, message: string | undefined) => void;
  readonly onLog?: (entry: StageLogEntry) => void;
}

export interface StageRun {
  readonly result: StageResult | undefined;
  readonly logs: readonly StageLogEntry[];
  readonly usage: StageUsage;
}

/**
 * Runs one stage of a plugin bundle in a fresh sandbox process. The bundle is verified before any
 * process starts. Fails with BAD_USER_INPUT (params, unsupported target, bad options or bundle),
 * FORBIDDEN (signature policy), PLUGIN_FAILED (the plugin threw or broke the protocol; its message
 * is kept, sanitised), RESOURCE_EXHAUSTED (memory, result size, logs, host calls),
 * DEADLINE_EXCEEDED (CPU or wall time) or CANCELLED.
 */
export async function runPluginStage(options: RunStageOptions): Promise<StageRun> {
  const { bundle } = verifyPluginBundle(options.bundle, options.trust);
  const limits = resolveSandboxLimits(options.limits);
  checkParams(options.params);
  const target = checkTarget(options.target, true);
  const calibrationBatches = checkCalibrationBatches(options.calibrationBatches);
  checkCallback(options.onProgress, 'onProgress');
  checkCallback(options.onLog, 'onLog');
  const label = bundleLabel(bundle);
  const session = await runSandboxSession({
    code: bundle.code,
    label,
    phase: 'run',
    params: options.params,
    target,
    calibrationBatches,
    limits,
    handler: options.handler,
    signal: options.signal,
    onProgress: options.onProgress,
    onLog: options.onLog,
  });
  checkRegisteredManifest(session.outcome.manifestJson, bundle, label);
  return { result: parseStageResult(session.outcome.valueJson, label), logs: session.logs, usage: session.usage };
}
