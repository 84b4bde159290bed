/**
 * KernelService over gRPC (createKernelClient). Every call carries a deadline that spans all its
 * attempts; UNAVAILABLE is retried (kernel operators are pure, so every call is idempotent) on
 * the next healthy address at once, or on the same one after an exponential backoff, for at most
 * `maxAttempts` attempts; any other failure is returned as it is. Aborting the call's signal
 * cancels the RPC, and the server cancels the native kernel.
 * Tests: kernel-client.test.ts, apps/kernel-server/test/*.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelCallOptions } from '@edgepress/kernels-native';
import type { KernelMethod, KernelService } from '../kernel-service';
import { OPERATOR_CODECS, type AnyOperatorCodec } from '../operators';
import { optionalInteger } from '../operators/operator-codec';
import { frameSequence } from '../wire/frames';
import type { ByteCaps } from '../wire/tensor-assembler';
import { TensorWriter } from '../wire/tensor-writer';
import { DEFAULT_CHUNK_BYTES, maxMessageBytes } from '../wire/wire-tensor';
import type { CalibratorSessionOptions } from '../calibration/kernel-calibrator';
import { AddressPool, type Endpoint } from './address-pool';
import { openRemoteCalibrator } from './remote-calibrator';
import { attemptCall } from './remote-attempt';

export interface RetryEvent {
  readonly method: KernelMethod;
  readonly address: string;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  readonly error: EdgepressError;
  readonly delayMs: number;
}

export interface KernelClientOptions {
  /** "host:port" of every server to balance over (at least one). */
  addresses: readonly string[];
  /** Deadline of every call, retries included. */
  deadlineMs: number;
  /** Attempts per call, the first included; default 5. */
  maxAttempts?: number;
  /** Backoff of an address after UNAVAILABLE: initial (default 100 ms), doubling up to the max (default 2 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Background grpc.health.v1 checks of every address; default 1000 ms, 0 turns them off. */
  healthCheckIntervalMs?: number;
  /** Chunk size of streamed tensors; default 1 MiB (the server's message cap must allow it). */
  chunkBytes?: number;
  /** Caps on the result tensors a server may send; default 4 GiB per tensor and per call. */
  maxResultTensorBytes?: number;
  /** Called before every retry (logging, tests). */
  onRetry?: (event: RetryEvent) => void;
}

export interface KernelClient extends KernelService {
  /** Closes every channel; calls in flight fail with UNAVAILABLE or CANCELLED. */
  close(): void;
}

function invalid(message: string, argument: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details: { argument } });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new EdgepressError(ErrorCode.CANCELLED, 'The kernel call was cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function readCallOptions(value: unknown): KernelCallOptions {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null) throw invalid('Expected an options object for options', 'options');
  const options = value as KernelCallOptions;
  optionalInteger('threads', options.threads, 1, 64);
  optionalInteger('maxElements', options.maxElements, 1, 2 ** 32);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw invalid('Expected an AbortSignal for signal', 'signal');
  return options;
}

export function createKernelClient(options: KernelClientOptions): KernelClient {
  if (!Array.isArray(options.addresses) || options.addresses.length === 0 || !options.addresses.every((a) => typeof a === 'string' && a.length > 0)) {
    throw invalid('Expected at least one "host:port" in addresses', 'addresses');
  }
  const deadlineMs = optionalInteger('deadlineMs', options.deadlineMs, 1, 2 ** 31 - 1);
  if (deadlineMs === undefined) throw invalid('Expected a deadline in ms for deadlineMs: every kernel call must carry one', 'deadlineMs');
  const maxAttempts = optionalInteger('maxAttempts', options.maxAttempts, 1, 100) ?? 5;
  const chunkBytes = optionalInteger('chunkBytes', options.chunkBytes, 1, 64 << 20) ?? DEFAULT_CHUNK_BYTES;
  const resultCap = optionalInteger('maxResultTensorBytes', options.maxResultTensorBytes, 1, Number.MAX_SAFE_INTEGER) ?? 2 ** 32;
  const caps: ByteCaps = { maxTensorBytes: resultCap, maxTotalBytes: resultCap };
  const pool = new AddressPool(options.addresses, {
    channelOptions: {
      'grpc.max_send_message_length': maxMessageBytes(chunkBytes),
      'grpc.max_receive_message_length': maxMessageBytes(chunkBytes),
      // Reconnect quickly to a server that restarts on the same address.
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1000,
    },
    initialBackoffMs: optionalInteger('initialBackoffMs', options.initialBackoffMs, 0, 60_000) ?? 100,
    maxBackoffMs: optionalInteger('maxBackoffMs', options.maxBackoffMs, 0, 600_000) ?? 2000,
    healthCheckIntervalMs: optionalInteger('healthCheckIntervalMs', options.healthCheckIntervalMs, 0, 600_000) ?? 1000,
  });

  const invoke = async (codec: AnyOperatorCodec, params: readonly unknown[]): Promise<unknown> => {
    const callOptions = readCallOptions(params[codec.optionsIndex]);
    const writer = new TensorWriter(chunkBytes);
    const message = { ...codec.encodeArgs(writer, params), options: { threads: callOptions.threads ?? 0, maxElements: callOptions.maxElements ?? 0 } };
    const frames = frameSequence('args', message, writer, chunkBytes);
    const deadline = Date.now() + deadlineMs;
    const signal = callOptions.signal;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new EdgepressError(ErrorCode.CANCELLED, 'The kernel call was cancelled');
      const endpoint: Endpoint = pool.pick();
      try {
        const result = await attemptCall(endpoint.client, { codec, frames, deadline, signal, caps });
        pool.succeeded(endpoint);
        return codec.deliver ? codec.deliver(params, result) : result;
      } catch (error) {
        const failure = error instanceof EdgepressError ? error : new EdgepressError(ErrorCode.INTERNAL, 'Kernel call failed', { cause: error });
        if (failure.code !== ErrorCode.UNAVAILABLE) throw failure;
        pool.failed(endpoint);
        if (attempt >= maxAttempts) throw failure;
        const delayMs = pool.hasHealthyOtherThan(endpoint) ? 0 : pool.msUntilAnyRecovers();
        if (Date.now() + delayMs >= deadline) throw failure;
        options.onRetry?.({ method: codec.method, address: endpoint.address, attempt, error: failure, delayMs });
        await sleep(delayMs, signal);
      }
    }
  };

  const client = {
    close: () => pool.close(),
    // A calibration session is stateful: it stays on the server it was opened on, for at most deadlineMs.
    createCalibrator: (sessionOptions: CalibratorSessionOptions = {}) => openRemoteCalibrator(pool.pick().client, sessionOptions, Date.now() + deadlineMs, chunkBytes),
  } as KernelClient;
  for (const codec of OPERATOR_CODECS) {
    (client as unknown as Record<string, unknown>)[codec.method] = (...params: unknown[]) => invoke(codec, params);
  }
  return client;
}
