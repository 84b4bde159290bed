/**
 * KernelService over gRPC (createKernelClient). Every call carries a deadline that spans all its
 * attempts; UNAVAILABLE is retried (kernel operators are pure, so every call is idempotent) on
 * the next healthy address at once, or on the same one after an exponential backoff, for at most
 * `maxAttempts` attempts; any other failure is returned as it is. Aborting the call's signal
 * cancels the RPC, and the server cancels the native kernel.
 *
 * Same-host shared memory (shared-memory.ts): tensors in a region made by createSharedRegion go
 * to a server on this host as references, and withSharedOutput(range) has the results written
 * into the range; a server elsewhere (or without shared memory) gets the bytes streamed.
 * Tests: kernel-client.test.ts, shared-memory.test.ts, apps/kernel-server/test/*.test.ts.
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
import { SharedMemoryClient, type SharedAttempt, type SharedRange, type SharedTensorRegion } from './shared-memory';

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
  /** Send tensors of shared regions by reference to servers on this host; default true (false: always stream). */
  sharedMemory?: boolean;
}

export interface KernelClient extends KernelService {
  /**
   * Closes every channel; calls in flight fail with UNAVAILABLE or CANCELLED. Shared regions are
   * unregistered and unmapped first (the channels close once that is done).
   */
  close(): void;
  /**
   * A region of memory shared with kernel servers on this host (Linux): typed arrays built on its
   * buffer are sent as references, not bytes. Loads the native shared-memory helper on first use.
   */
  createSharedRegion(byteLength: number): Promise<SharedTensorRegion>;
  /**
   * This client, with every call's results written into `range` (when the server shares memory
   * with this process and they fit; otherwise they arrive as usual). Results are then views of
   * the range: valid until the range is reused or its region closed.
   */
  withSharedOutput(range: SharedRange): KernelService;
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

  const shared = new SharedMemoryClient();
  const useSharedMemory = options.sharedMemory ?? true;

  const invoke = async (codec: AnyOperatorCodec, params: readonly unknown[], output?: SharedRange): Promise<unknown> => {
    const callOptions = readCallOptions(params[codec.optionsIndex]);
    const callMessage = { threads: callOptions.threads ?? 0, maxElements: callOptions.maxElements ?? 0 };
    // Arguments are encoded (and so checked) before anything goes out; again per attempt when shared memory changes them.
    const streamWriter = new TensorWriter(chunkBytes);
    const streamFrames = frameSequence('args', { ...codec.encodeArgs(streamWriter, params), options: callMessage }, streamWriter, chunkBytes);
    const deadline = Date.now() + deadlineMs;
    const signal = callOptions.signal;
    let reregistered = false;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new EdgepressError(ErrorCode.CANCELLED, 'The kernel call was cancelled');
      const endpoint: Endpoint = pool.pick();
      let sharing: SharedAttempt | undefined;
      try {
        sharing = useSharedMemory ? await shared.attempt(endpoint, output, deadline) : undefined;
        let frames = streamFrames;
        if (sharing !== undefined) {
          const writer = new TensorWriter(chunkBytes, sharing.placement);
          frames = frameSequence('args', { ...codec.encodeArgs(writer, params), options: { ...callMessage, sharedOutput: sharing.output ?? null } }, writer, chunkBytes);
        }
        const result = await attemptCall(endpoint.client, { codec, frames, deadline, signal, caps, shared: sharing?.resolveResult });
        pool.succeeded(endpoint);
        return codec.deliver ? codec.deliver(params, result) : result;
      } catch (error) {
        const failure = error instanceof EdgepressError ? error : new EdgepressError(ErrorCode.INTERNAL, 'Kernel call failed', { cause: error });
        // A server that no longer knows our regions (restarted, or expired them): register again, once.
        if (sharing !== undefined && !reregistered && SharedMemoryClient.isStaleRegistration(failure)) {
          reregistered = true;
          shared.forget(endpoint);
          continue;
        }
        if (failure.code !== ErrorCode.UNAVAILABLE) throw failure;
        shared.forget(endpoint);
        pool.failed(endpoint);
        if (attempt >= maxAttempts) throw failure;
        const delayMs = pool.hasHealthyOtherThan(endpoint) ? 0 : pool.msUntilAnyRecovers();
        if (Date.now() + delayMs >= deadline) throw failure;
        options.onRetry?.({ method: codec.method, address: endpoint.address, attempt, error: failure, delayMs });
        await sleep(delayMs, signal);
      }
    }
  };

  // A calibration session is stateful: it stays on the server it was opened on, for at most deadlineMs.
  const createCalibrator = (sessionOptions: CalibratorSessionOptions = {}) => openRemoteCalibrator(pool.pick().client, sessionOptions, Date.now() + deadlineMs, chunkBytes);
  const operators = (output: SharedRange | undefined): KernelService => {
    const service = { createCalibrator } as KernelService;
    for (const codec of OPERATOR_CODECS) {
      (service as unknown as Record<string, unknown>)[codec.method] = (...params: unknown[]) => invoke(codec, params, output);
    }
    return service;
  };
  return {
    ...operators(undefined),
    close: () => {
      if (shared.regionCount === 0) pool.close();
      else void shared.closeAll().finally(() => pool.close());
    },
    createSharedRegion: (byteLength: number) => shared.createRegion(byteLength),
    withSharedOutput: (range: SharedRange) => {
      if (typeof range !== 'object' || range === null) throw invalid('Expected a range of a shared region (region.range(offset, byteLength)) for range', 'range');
      return operators(range);
    },
  };
}
