/**
 * Serves one call of one operator.
 *
 * Threat model (trust boundary 4): the peer controls every frame. A call without a deadline is
 * refused (INVALID_ARGUMENT) before anything is read, so no call can hold resources forever;
 * frames are checked by FrameReceiver/TensorAssembler (order, ids, sizes, byte caps, in-flight
 * budget); decoded arguments go through kernels-native's validation before any native code runs;
 * every failure, expected or not, ends the call with a status mapped by status.ts, never by a
 * throw that could take the process down. A cancelled call or an expired deadline aborts the
 * native kernel through its AbortSignal.
 * Tests: kernel-server.test.ts, apps/kernel-server/test/*.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelCallOptions } from '@edgepress/kernels-native';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { KernelService } from '../kernel-service';
import type { AnyOperatorCodec } from '../operators';
import { toGrpcStatus } from '../status';
import { FrameReceiver, frameSequence, frameTypes } from '../wire/frames';
import type { ByteCaps } from '../wire/tensor-assembler';
import { TensorWriter } from '../wire/tensor-writer';
import { writeFrames } from '../wire/write-frames';
import type { ByteBudget } from './byte-budget';
import type { SharedRegionRegistry } from './shared-regions';

export interface CallLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface HandlerContext {
  readonly kernels: KernelService;
  readonly caps: ByteCaps;
  readonly budget: ByteBudget;
  readonly chunkBytes: number;
  /** Threads when the call asks for none, and the most a call may use. */
  readonly threads: number;
  /** The element cap handed to kernels-native (a call may lower it, never raise it). */
  readonly maxElements: number;
  readonly logger: CallLogger;
  /** Aborted when the server is forced down: in-flight kernels stop. */
  readonly shutdown: AbortSignal;
  /** Registered shared-memory regions; undefined when the server does not offer shared memory. */
  readonly sharedRegions: SharedRegionRegistry | undefined;
}

interface CallOptionsMessage {
  threads?: number;
  maxElements?: number;
  sharedOutput?: { regionId?: unknown; offset?: unknown; byteLength?: unknown } | null;
}

function callOptions(context: HandlerContext, message: CallOptionsMessage | null | undefined, signal: AbortSignal): KernelCallOptions {
  const requested = message?.threads ?? 0;
  const cap = message?.maxElements ?? 0;
  return {
    threads: requested === 0 ? context.threads : Math.min(requested, context.threads),
    maxElements: cap === 0 ? context.maxElements : Math.min(cap, context.maxElements),
    signal,
  };
}

/** Calls still running when the server is forced down: UNAVAILABLE, so that clients retry elsewhere. */
export const SHUTTING_DOWN = new EdgepressError(ErrorCode.UNAVAILABLE, 'The kernel server is shutting down');

export const MISSING_DEADLINE = new EdgepressError(
  ErrorCode.INVALID_ARGUMENT,
  'Every call to edgepress.kernels.v1.Kernels must carry a deadline (grpc-timeout); this call had none',
  { details: { argument: 'deadline' } },
);

/** The grpc-js handler of one operator's RPC. */
export function operatorHandler(codec: AnyOperatorCodec, context: HandlerContext) {
  const types = frameTypes(codec.rpc);
  return (call: ServerDuplexStream<object, object>): void => {
    const started = Date.now();
    let finished = false;
    let releaseBytes = (): void => undefined;
    // The shared regions this call refers to stay mapped until its kernel has stopped, even when
    // the call ends before (cancelled, failed): the kernel may still be reading them.
    const lease = context.sharedRegions?.lease();
    let kernelStopped: Promise<unknown> = Promise.resolve();
    const release = (): void => {
      releaseBytes();
      if (lease) void kernelStopped.finally(() => lease.release());
    };
    const abort = new AbortController();
    const fail = (error: unknown): void => {
      if (finished) return;
      finished = true;
      release();
      abort.abort();
      const status = toGrpcStatus(error);
      context.logger.warn({ rpc: codec.rpc, code: status.code, details: status.details, ms: Date.now() - started }, 'kernel call failed');
      call.emit('error', status);
    };
    call.on('error', () => abort.abort());
    call.on('cancelled', () => {
      if (finished) return;
      finished = true;
      abort.abort();
      release();
      context.logger.info({ rpc: codec.rpc, ms: Date.now() - started }, 'kernel call cancelled by the client');
    });

    const deadline = call.getDeadline();
    const deadlineMs = deadline instanceof Date ? deadline.getTime() : Number(deadline);
    if (!Number.isFinite(deadlineMs)) {
      fail(MISSING_DEADLINE);
      return;
    }
    const timer = setTimeout(() => abort.abort(), Math.max(0, deadlineMs - Date.now()));
    const onShutdown = (): void => fail(SHUTTING_DOWN);
    context.shutdown.addEventListener('abort', onShutdown, { once: true });
    call.on('close', () => {
      clearTimeout(timer);
      context.shutdown.removeEventListener('abort', onShutdown);
    });

    const receiver = new FrameReceiver<{ options?: CallOptionsMessage | null }>(
      'args',
      types.args,
      context.caps,
      (bytes) => {
        releaseBytes = context.budget.reserve(bytes);
      },
      lease?.resolve,
    );
    call.on('data', (frame: object) => {
      if (finished) return;
      try {
        receiver.accept(frame);
      } catch (error) {
        fail(error);
      }
    });
    call.on('end', () => {
      if (finished) return;
      run().catch((error: unknown) => {
        if (finished) {
          // The client left first; the kernel has now stopped too (normally with CANCELLED).
          const code = error instanceof EdgepressError ? error.code : ErrorCode.INTERNAL;
          context.logger.info({ rpc: codec.rpc, code, ms: Date.now() - started }, 'kernel stopped after cancellation');
        } else fail(error);
      });
    });

    const run = async (): Promise<void> => {
      const { message, tensors } = receiver.finish();
      const options = callOptions(context, message.options, abort.signal);
      const sharedOutput = message.options?.sharedOutput;
      if (sharedOutput && lease === undefined) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, 'This server does not offer shared memory (options.sharedOutput)', { details: { argument: 'options.sharedOutput' } });
      const arena = sharedOutput && lease ? lease.outputArena(sharedOutput) : undefined;
      const decoded = codec.decodeArgs(tensors, message, options);
      const params = arena && codec.outputInto ? codec.outputInto(decoded, arena.allocate) : decoded;
      const kernel = context.kernels[codec.method] as (...args: unknown[]) => Promise<unknown>;
      context.logger.debug({ rpc: codec.rpc, threads: options.threads, bytes: tensors.totalBytes }, 'kernel call started');
      if (finished) return;
      const running = kernel(...params);
      kernelStopped = running.catch(() => undefined);
      const result = await running;
      if (finished) return;
      const writer = new TensorWriter(context.chunkBytes, arena?.place);
      const encoded = codec.encodeResult(writer, result);
      await writeFrames(call, frameSequence('result', encoded, writer, context.chunkBytes), abort.signal);
      finished = true;
      release();
      context.logger.info({ rpc: codec.rpc, ms: Date.now() - started, threads: options.threads }, 'kernel call done');
      call.end();
    };
  };
}
