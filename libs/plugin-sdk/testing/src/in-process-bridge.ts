/**
 * The HostBridge of an in-process plugin run: the plugin's StageContext calls go straight to a
 * stage host's handler, with the sandbox's rules kept where a test would otherwise pass for the
 * wrong reason: only protocol method names, arguments and results copied (structured clone, so a
 * plugin cannot share objects with the host), host errors turned into EdgepressErrors with
 * internal ones masked, exactly as the sandbox shows them.
 */
import { EdgepressError, ErrorCode, toEdgepressError } from '@edgepress/errors';
import type { StageLogEntry } from '@edgepress/plugin-host';
import { isHostMethodName, type HostBridge, type HostMethods } from '@edgepress/plugin-sdk/sandbox';

export interface InProcessBridge {
  readonly bridge: HostBridge;
  readonly logs: StageLogEntry[];
  readonly progress: Array<readonly [number, string | undefined]>;
}

function copy(value: unknown, what: string): unknown {
  try {
    return structuredClone(value);
  } catch (cause) {
    throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `${what} cannot cross the sandbox boundary: ${(cause as Error).message}`, { cause });
  }
}

export function inProcessBridge(handler: HostMethods, signal?: AbortSignal): InProcessBridge {
  const started = performance.now();
  const logs: StageLogEntry[] = [];
  const progress: Array<readonly [number, string | undefined]> = [];
  const bridge: HostBridge = {
    async call(method, args) {
      if (!isHostMethodName(method)) throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `called the host method "${String(method).slice(0, 80)}", which is not part of the plugin protocol`);
      const copied = copy(args, `the arguments of ${method}`) as unknown[];
      let result: unknown;
      try {
        result = await (handler[method] as (...a: unknown[]) => Promise<unknown>)(...copied);
      } catch (error) {
        const failure = toEdgepressError(error);
        throw new EdgepressError(failure.code, failure.message);
      }
      return copy(result, `the result of ${method}`);
    },
    progress(fraction, message) {
      progress.push([fraction, message]);
    },
    log(level, message, fields) {
      logs.push({ level, message, ...(fields === undefined ? {} : { fields: copy(fields, 'log fields') as Record<string, unknown> }), atMs: performance.now() - started });
    },
    isAborted: () => signal?.aborted === true,
  };
  return { bridge, logs, progress };
}
