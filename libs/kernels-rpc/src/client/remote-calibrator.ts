/**
 * A KernelCalibrator held by a kernel server for the life of one Calibrate stream. Requests are
 * written one after another (a batch's chunks never interleave with another request) and matched
 * to their answers by id. The session is stateful, so it is neither retried nor moved to another
 * server: UNAVAILABLE reaches the caller, who opens a new session. Tests: calibration.test.ts.
 */
import * as grpc from '@grpc/grpc-js';
import { EdgepressError, ErrorCode, isErrorCode } from '@edgepress/errors';
import type { CalibrationParamsOptions, CalibrationRangeOptions, KernelCallOptions, Tensor } from '@edgepress/kernels-native';
import { decodeHistogram, decodeQuantParams, decodeStats, encodeParamsQuery, encodeRangeQuery } from '../calibration/calibration-messages';
import type { CalibratorSessionOptions, KernelCalibrator } from '../calibration/kernel-calibrator';
import type { CalibrationResponse__Output } from '../gen/edgepress/kernels/v1/CalibrationResponse';
import { optionalInteger } from '../operators/operator-codec';
import { kernelsServiceDefinition } from '../proto';
import { fromCallError } from '../status';
import { TensorWriter } from '../wire/tensor-writer';
import { chunksOf } from '../wire/wire-tensor';
import { writeFrames } from '../wire/write-frames';

interface Waiter {
  resolve: (answer: CalibrationResponse__Output) => void;
  reject: (error: EdgepressError) => void;
}

function answerError(answer: CalibrationResponse__Output): EdgepressError | undefined {
  if (answer.answer !== 'error' || !answer.error) return undefined;
  const { code, message, argument } = answer.error;
  return new EdgepressError(isErrorCode(code) ? code : ErrorCode.INTERNAL, message, { details: argument ? { argument } : undefined });
}

export async function openRemoteCalibrator(client: grpc.Client, options: CalibratorSessionOptions, deadline: number, chunkBytes: number): Promise<KernelCalibrator> {
  if (typeof options !== 'object' || options === null) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, 'Expected an options object { bins?, threads? } for options', { details: { argument: 'options' } });
  const bins = optionalInteger('bins', options.bins, 0, 2 ** 32 - 1);
  const threads = optionalInteger('threads', options.threads, 1, 64) ?? 0;
  const method = kernelsServiceDefinition.Calibrate as grpc.MethodDefinition<object, CalibrationResponse__Output>;
  const call = client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, new grpc.Metadata(), { deadline });
  const waiters = new Map<number, Waiter>();
  const session = new AbortController();
  let broken: EdgepressError | undefined;
  let cancelledByCaller = false;
  let nextId = 1;
  let writing: Promise<void> = Promise.resolve();

  const breakSession = (error: EdgepressError): void => {
    broken ??= error;
    session.abort();
    for (const waiter of waiters.values()) waiter.reject(broken);
    waiters.clear();
  };
  const closed = new Promise<void>((resolve) => {
    call.on('status', (status: grpc.StatusObject) => {
      if (status.code === grpc.status.OK) breakSession(new EdgepressError(ErrorCode.UNAVAILABLE, 'The calibration session is closed'));
      resolve();
    });
  });
  call.on('error', (error: grpc.ServiceError) => breakSession(fromCallError(error, cancelledByCaller)));
  call.on('data', (answer: CalibrationResponse__Output) => {
    const waiter = waiters.get(answer.id);
    if (waiter === undefined) return;
    waiters.delete(answer.id);
    const error = answerError(answer);
    if (error) waiter.reject(error);
    else waiter.resolve(answer);
  });

  /** Sends one request's frames after every earlier request's, and waits for its answer. */
  const request = (frames: (id: number) => Iterable<object>, signal?: AbortSignal): Promise<CalibrationResponse__Output> => {
    if (broken) return Promise.reject(broken);
    const id = nextId++;
    const answered = new Promise<CalibrationResponse__Output>((resolve, reject) => waiters.set(id, { resolve, reject }));
    const onAbort = (): void => {
      cancelledByCaller = true;
      breakSession(new EdgepressError(ErrorCode.CANCELLED, 'The calibration session was cancelled'));
      call.cancel();
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    writing = writing.then(() => writeFrames(call, frames(id), session.signal)).catch(() => undefined);
    return answered.finally(() => signal?.removeEventListener('abort', onAbort));
  };

  await request((id) => [{ id, open: { bins, options: { threads, maxElements: 0 } } }]);

  return {
    async update(batch: Float32Array | Tensor<Float32Array>, callOptions: KernelCallOptions = {}) {
      const writer = new TensorWriter(chunkBytes);
      const header = ArrayBuffer.isView(batch) ? writer.tensor('batch', { data: batch, shape: [batch.length] }) : writer.tensor('batch', batch);
      await request(function* (id) {
        yield { id, update: { batch: header } };
        for (const tensor of writer.streamed) for (const chunk of chunksOf(tensor.id, tensor.bytes, chunkBytes)) yield { id, chunk };
      }, callOptions.signal);
    },
    async range(rangeOptions: CalibrationRangeOptions) {
      const query = encodeRangeQuery(rangeOptions);
      const answer = await request((id) => [{ id, range: query }]);
      return { min: answer.range?.min ?? Number.NaN, max: answer.range?.max ?? Number.NaN };
    },
    async quantParams(paramsOptions: CalibrationParamsOptions) {
      const query = encodeParamsQuery(paramsOptions);
      const answer = await request((id) => [{ id, params: query }]);
      return decodeQuantParams(answer.params ?? { scale: Number.NaN, zeroPoint: 0 });
    },
    async histogram() {
      const answer = await request((id) => [{ id, histogram: {} }]);
      return decodeHistogram(answer.histogram as never);
    },
    async stats() {
      const answer = await request((id) => [{ id, stats: {} }]);
      return decodeStats(answer.stats as never);
    },
    async close() {
      await writing;
      if (!broken) call.end();
      await closed;
    },
  };
}
