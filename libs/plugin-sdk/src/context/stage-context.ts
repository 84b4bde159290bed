import type { PluginTarget } from '../target';
import type { TensorData, TensorHandle } from '../tensor';
import type { CalibrationApi, RuntimeApi } from './calibration-api';
import type { KernelApi } from './kernel-api';
import type { ModelApi } from './model-api';

export interface TensorApi {
  /** Copies a tensor's values into the sandbox. */
  read(tensor: TensorHandle): Promise<TensorData>;
  /** Copies values out of the sandbox into a new host tensor. */
  write(data: TensorData): Promise<TensorHandle>;
  /** Frees host tensors the plugin no longer needs (they are freed at the end of the stage anyway). */
  release(tensors: readonly TensorHandle[]): Promise<void>;
}

export interface StageLogger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Cancellation as the sandbox sees it (there is no AbortSignal inside the sandbox). */
export interface StageSignal {
  readonly aborted: boolean;
  /** Throws a CANCELLED error when the stage was cancelled. */
  throwIfAborted(): void;
}

export interface StageContext {
  readonly model: ModelApi;
  readonly tensors: TensorApi;
  readonly kernels: KernelApi;
  readonly target: PluginTarget;
  readonly calibration: CalibrationApi;
  readonly runtime: RuntimeApi;
  readonly log: StageLogger;
  readonly signal: StageSignal;
  /** Reports progress in [0, 1] with an optional message. */
  progress(fraction: number, message?: string): void;
}

/** What a stage may report besides its model: shown in run reports. */
export interface StageResult {
  readonly summary?: Readonly<Record<string, number | string | boolean>>;
  readonly notes?: readonly string[];
}
