import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { CalibrationApi, RuntimeApi } from './context/calibration-api';
import type { KernelApi } from './context/kernel-api';
import type { ModelApi } from './context/model-api';
import type { StageContext, StageLogger, TensorApi } from './context/stage-context';
import {
  CALIBRATION_METHODS,
  KERNEL_METHODS,
  MODEL_METHODS,
  RUNTIME_METHODS,
  TENSOR_METHODS,
  type HostBridge,
  type HostMethodName,
} from './protocol';
import type { PluginTarget } from './target';

function forward<Api>(bridge: HostBridge, area: string, methods: readonly string[]): Api {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of methods) {
    api[method] = (...args: unknown[]) => bridge.call(`${area}.${method}` as HostMethodName, args);
  }
  return Object.freeze(api) as Api;
}

/**
 * Builds the StageContext a plugin's `run` receives, on top of a host bridge. The same code runs
 * inside the sandbox (bridge = calls to the host process) and in the in-process test harness.
 */
export function createStageContext(bridge: HostBridge, target: PluginTarget, calibrationBatches: number): StageContext {
  const calibrationMethods = forward<Omit<CalibrationApi, 'batches'>>(bridge, 'calibration', CALIBRATION_METHODS);
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Readonly<Record<string, unknown>>) =>
    bridge.log(level, String(message), fields);
  const logger: StageLogger = Object.freeze({ debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') });
  return Object.freeze({
    model: forward<ModelApi>(bridge, 'model', MODEL_METHODS),
    tensors: forward<TensorApi>(bridge, 'tensors', TENSOR_METHODS),
    kernels: forward<KernelApi>(bridge, 'kernels', KERNEL_METHODS),
    runtime: forward<RuntimeApi>(bridge, 'runtime', RUNTIME_METHODS),
    calibration: Object.freeze({ ...calibrationMethods, batches: calibrationBatches }),
    target,
    log: logger,
    signal: Object.freeze({
      get aborted() {
        return bridge.isAborted();
      },
      throwIfAborted() {
        if (bridge.isAborted()) throw new EdgepressError(ErrorCode.CANCELLED, 'The stage was cancelled');
      },
    }),
    progress(fraction: number, message?: string) {
      if (typeof fraction !== 'number' || Number.isNaN(fraction)) return;
      bridge.progress(Math.min(1, Math.max(0, fraction)), message === undefined ? undefined : String(message));
    },
  });
}
