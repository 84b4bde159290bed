/**
 * Tells whether a stage failed because no kernel server answered. A plugin sees a kernel failure
 * as an exception inside its sandbox and may rethrow it as anything (the host then reports
 * PLUGIN_FAILED), so the worker watches the kernel calls themselves: every rejection with
 * UNAVAILABLE (the client's retries over every address used up, or a calibration session whose
 * server went away) is remembered until taken. Objects the service hands out (calibration
 * sessions) are watched the same way. Tests: kernel-watch.test.ts.
 */
import { ErrorCode, isEdgepressError, type EdgepressError } from '@edgepress/errors';

export interface KernelWatch<T extends object> {
  /** The same service; its calls, and the calls of the sessions it opens, are watched. */
  readonly service: T;
  /** The last UNAVAILABLE since the previous take(), or null; clears it. */
  take(): EdgepressError | null;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Objects with methods (sessions), not data (tensors, typed arrays, plain results). */
function hasMethods(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || isThenable(value)) return false;
  for (let target: object | null = value; target !== null && target !== Object.prototype; target = Object.getPrototypeOf(target)) {
    if (Object.getOwnPropertyNames(target).some((name) => name !== 'constructor' && typeof (value as Record<string, unknown>)[name] === 'function')) return true;
  }
  return false;
}

export function watchKernelFailures<T extends object>(service: T): KernelWatch<T> {
  let failure: EdgepressError | null = null;
  const record = (error: unknown): never => {
    if (isEdgepressError(error) && error.code === ErrorCode.UNAVAILABLE) failure = error;
    throw error;
  };
  const watch = <U extends object>(target: U): U =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          let result: unknown;
          try {
            result = (value as (...a: unknown[]) => unknown).apply(object, args);
          } catch (error) {
            return record(error);
          }
          if (isThenable(result)) return Promise.resolve(result).then((resolved) => (hasMethods(resolved) ? watch(resolved) : resolved), record);
          return hasMethods(result) ? watch(result) : result;
        };
      },
    });
  return {
    service: watch(service),
    take: () => {
      const taken = failure;
      failure = null;
      return taken;
    },
  };
}
