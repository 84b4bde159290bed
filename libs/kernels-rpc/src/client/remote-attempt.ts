/**
 * One attempt of one call on one channel: stream the args frame and its chunks (honouring
 * backpressure), assemble the result frame and its chunks, and settle once the stream has ended
 * with status OK. Failures come back as EdgepressErrors (status.ts); the retry loop decides.
 */
import * as grpc from '@grpc/grpc-js';
import type { EdgepressError } from '@edgepress/errors';
import type { AnyOperatorCodec } from '../operators';
import { kernelsServiceDefinition } from '../proto';
import { fromCallError } from '../status';
import { FrameReceiver, frameTypes } from '../wire/frames';
import type { ByteCaps } from '../wire/tensor-assembler';
import type { SharedResolver } from '../wire/wire-tensor';
import { writeFrames } from '../wire/write-frames';

export interface AttemptRequest {
  readonly codec: AnyOperatorCodec;
  readonly frames: Iterable<object>;
  /** Absolute deadline, ms since epoch. */
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  readonly caps: ByteCaps;
  /** Results in the call's shared output range (same-host transport). */
  readonly shared?: SharedResolver;
}

export function attemptCall(client: grpc.Client, request: AttemptRequest): Promise<unknown> {
  const { codec } = request;
  const method = kernelsServiceDefinition[codec.rpc] as grpc.MethodDefinition<object, object>;
  const receiver = new FrameReceiver<object>('result', frameTypes(codec.rpc).result, request.caps, undefined, request.shared);
  const writing = new AbortController();

  return new Promise((resolve, reject) => {
    const call = client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, new grpc.Metadata(), {
      deadline: request.deadline,
    });
    let settled = false;
    let ended = false;
    let statusOk = false;
    const onAbort = (): void => call.cancel();
    const settle = (error: EdgepressError | undefined, value?: unknown): void => {
      if (settled) return;
      settled = true;
      writing.abort();
      request.signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(value);
      else reject(error);
    };
    const finishIfDone = (): void => {
      if (!ended || !statusOk) return;
      try {
        const { message, tensors } = receiver.finish();
        settle(undefined, codec.decodeResult(tensors, message));
      } catch (error) {
        settle(error as EdgepressError);
      }
    };

    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) call.cancel();
    call.on('data', (frame: object) => {
      if (settled) return;
      try {
        receiver.accept(frame);
      } catch (error) {
        settle(error as EdgepressError);
        call.cancel();
      }
    });
    call.on('error', (error: grpc.ServiceError) => settle(fromCallError(error, request.signal?.aborted === true)));
    call.on('status', (status: grpc.StatusObject) => {
      statusOk = status.code === grpc.status.OK;
      finishIfDone();
    });
    call.on('end', () => {
      ended = true;
      finishIfDone();
    });
    // A failed write is reported by the call's own 'error' status; nothing to do here.
    writeFrames(call, request.frames, writing.signal).then(
      () => call.end(),
      () => undefined,
    );
  });
}
