/**
 * The host side of a stage: answers every StageContext call a plugin makes (HostMethods) on one
 * OnnxModel, a tensor handle table, a KernelService and the runtime providers. Pass `handler` to
 * runPluginStage (sandboxed) or to an in-process bridge (the testing harness); read `model` when
 * the stage is over. Threat model: every argument comes from plugin code (trust boundary 3) and
 * is checked before it reaches libs/onnx, the kernels or ONNX Runtime (arguments.ts,
 * sdk-tensors.ts, tensor-table.ts); what a plugin can make the host hold is capped (handles,
 * tensor bytes, snapshots). Tests: create-stage-host.test.ts and the tests of each part.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelService } from '@edgepress/kernels-rpc/client';
import type { HostMethods } from '@edgepress/plugin-sdk/sandbox';
import type { OnnxModel } from '@edgepress/onnx';
import { createCalibrationMethods } from './calibration-methods';
import { createKernelMethods } from './kernel-methods';
import { createModelMethods } from './model-methods';
import { NO_STAGE_PROVIDERS, type StageProviders } from './stage-providers';
import { StageModel, type SnapshotLimits } from './stage-model';
import { createTensorMethods } from './tensor-methods';
import { TensorTable, type TensorTableLimits } from './tensor-table';

const GiB = 1024 ** 3;

export interface StageHostLimits extends TensorTableLimits, SnapshotLimits {}

export const DEFAULT_STAGE_HOST_LIMITS: StageHostLimits = Object.freeze({
  maxTensorBytes: 2 * GiB,
  maxTensors: 1_000_000,
  maxSnapshots: 16,
  maxSnapshotBytes: 4 * GiB,
});

export interface StageHostOptions {
  /** The model the stage edits (edited in place until a restore or opset raise replaces it; read `host.model`). */
  readonly model: OnnxModel;
  readonly kernels: KernelService;
  /** Runs of the model in ONNX Runtime and the calibration data; without them calibration/runtime calls fail. */
  readonly providers?: StageProviders;
  readonly limits?: Partial<StageHostLimits>;
  /** Threads per kernel call (default 1). */
  readonly kernelThreads?: number;
  /** Cancels running kernel calls and model runs. */
  readonly signal?: AbortSignal;
}

export interface StageHost {
  /** Every host method of the plugin protocol. */
  readonly handler: HostMethods;
  /** The model as the plugin left it. */
  readonly model: OnnxModel;
  readonly calibrationBatches: number;
  /** Bytes of tensors the host holds for the plugin. */
  readonly tensorBytes: number;
  /** Frees every handle and snapshot. */
  dispose(): void;
}

function resolveLimits(overrides: Partial<StageHostLimits> | undefined): StageHostLimits {
  const limits: Record<string, number> = { ...DEFAULT_STAGE_HOST_LIMITS };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (!(name in DEFAULT_STAGE_HOST_LIMITS)) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Unknown stage host limit "${name}"; known limits are ${Object.keys(DEFAULT_STAGE_HOST_LIMITS).join(', ')}`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Expected a positive integer for limits.${name} but received ${String(value)}`);
    limits[name] = value;
  }
  return limits as unknown as StageHostLimits;
}

export function createStageHost(options: StageHostOptions): StageHost {
  const limits = resolveLimits(options.limits);
  const threads = options.kernelThreads ?? 1;
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > 64) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Expected kernelThreads between 1 and 64 but received ${threads}`);
  const providers = options.providers ?? NO_STAGE_PROVIDERS;
  const table = new TensorTable(limits);
  const state = new StageModel(options.model, table, limits);
  const context = { kernels: options.kernels, table, threads, signal: options.signal };
  const handler: HostMethods = Object.freeze({
    ...createModelMethods(state),
    ...createTensorMethods(table),
    ...createKernelMethods(context),
    ...createCalibrationMethods(state, providers, context),
  });
  return {
    handler,
    get model() {
      return state.model;
    },
    calibrationBatches: providers.calibrationBatches,
    get tensorBytes() {
      return table.bytes;
    },
    dispose: () => state.dispose(),
  };
}
