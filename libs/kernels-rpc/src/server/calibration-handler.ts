/**
 * Serves the Calibrate stream: one KernelCalibrator per stream.
 *
 * Threat model (trust boundary 4): as for operators, the stream must carry a deadline, every
 * batch header is checked and reserved against the byte caps before it is allocated, and batches
 * and options go through kernels-native's validation. The stream is paused while a batch is being
 * added, so a client cannot queue unbounded batches in server memory. A request that fails gets
 * an `error` answer and the session continues; a broken stream ends it with a status.
 * Tests: calibration.test.ts.
 */
import { EdgepressError, ErrorCode, toEdgepressError } from '@edgepress/errors';
import type { Tensor } from '@edgepress/kernels-native';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { decodeParamsQuery, decodeQuantParams, decodeRangeQuery, encodeHistogram, encodeStats } from '../calibration/calibration-messages';
import type { KernelCalibrator } from '../calibration/kernel-calibrator';
import type { CalibrationRequest__Output } from '../gen/edgepress/kernels/v1/CalibrationRequest';
import type { CalibrationResponse } from '../gen/edgepress/kernels/v1/CalibrationResponse';
import { toGrpcStatus } from '../status';
import { locateTensors } from '../wire/schema-walk';
import { TensorAssembler } from '../wire/tensor-assembler';
import { MISSING_DEADLINE, SHUTTING_DOWN, type HandlerContext } from './operator-handler';

type Answer = Omit<CalibrationResponse, 'id'>;

function protocolError(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details: { argument: 'frame' } });
}

export function calibrationHandler(context: HandlerContext) {
  return (call: ServerDuplexStream<CalibrationRequest__Output, CalibrationResponse>): void => {
    let ended = false;
    const abort = new AbortController();
    const releases: (() => void)[] = [];
    const finish = (): void => {
      ended = true;
      abort.abort();
      for (const release of releases.splice(0)) release();
    };
    const fail = (error: unknown): void => {
      if (ended) return;
      finish();
      const status = toGrpcStatus(error);
      context.logger.warn({ rpc: 'Calibrate', code: status.code, details: status.details }, 'calibration session failed');
      call.emit('error', status);
    };
    call.on('cancelled', finish);

    const deadline = call.getDeadline();
    const deadlineMs = deadline instanceof Date ? deadline.getTime() : Number(deadline);
    if (!Number.isFinite(deadlineMs)) return fail(MISSING_DEADLINE);
    const timer = setTimeout(() => abort.abort(), Math.max(0, deadlineMs - Date.now()));
    const onShutdown = (): void => fail(SHUTTING_DOWN);
    context.shutdown.addEventListener('abort', onShutdown, { once: true });
    call.on('close', () => {
      clearTimeout(timer);
      context.shutdown.removeEventListener('abort', onShutdown);
    });

    let calibrator: Promise<KernelCalibrator> | undefined;
    let threads = context.threads;
    let pending: { id: number; assembler: TensorAssembler; header: unknown; release: () => void } | undefined;
    const use = <T>(operation: (c: KernelCalibrator) => Promise<T>): Promise<T> => (calibrator as Promise<KernelCalibrator>).then(operation);
    let queue: Promise<void> = Promise.resolve();

    /** Runs one request after the earlier ones, answering it with its result or its error. */
    const enqueue = (id: number, operation: () => Promise<Answer>, pause = false): void => {
      if (pause) call.pause();
      queue = queue.then(async () => {
        let answer: Answer;
        try {
          answer = await operation();
        } catch (error) {
          const e = toEdgepressError(error);
          const argument = e.details?.argument;
          answer = { error: { code: e.code, message: e.message, argument: typeof argument === 'string' ? argument : '' } };
        }
        if (pause) call.resume();
        if (!ended) call.write({ id, ...answer });
      });
    };

    const addBatch = (id: number, assembler: TensorAssembler, header: unknown, release: () => void): void => {
      enqueue(
        id,
        async () => {
          try {
            await use((c) => c.update(assembler.tensor(header as never) as Tensor<Float32Array>, { threads, signal: abort.signal, maxElements: context.maxElements }));
            return { done: {} };
          } finally {
            release();
          }
        },
        true,
      );
    };

    const accept = (frame: CalibrationRequest__Output): void => {
      const id = frame.id;
      if (pending !== undefined) {
        if (frame.frame !== 'chunk' || !frame.chunk) throw protocolError(`Expected the chunks of update ${pending.id} but received ${String(frame.frame)}`);
        pending.assembler.accept(frame.chunk);
        if (pending.assembler.complete) {
          const { id: updateId, assembler, header, release } = pending;
          pending = undefined;
          addBatch(updateId, assembler, header, release);
        }
        return;
      }
      if (calibrator === undefined) {
        if (frame.frame !== 'open' || !frame.open) throw protocolError(`Expected the first frame to be open but received ${String(frame.frame)}`);
        const requested = frame.open.options?.threads ?? 0;
        threads = requested === 0 ? context.threads : Math.min(requested, context.threads);
        calibrator = context.kernels.createCalibrator({ bins: frame.open.bins, threads });
        // A failed open ends the session: nothing else can be answered without a calibrator.
        calibrator.then(() => {
          if (!ended) call.write({ id, done: {} });
        }, fail);
        return;
      }
      switch (frame.frame) {
        case 'update': {
          const located = locateTensors('CalibrationUpdate', frame.update);
          let release: () => void = () => undefined;
          const assembler = new TensorAssembler(located, context.caps, (bytes) => {
            release = context.budget.reserve(bytes);
            releases.push(release);
          });
          const header = located[0]?.header;
          if (assembler.complete) addBatch(id, assembler, header, release);
          else pending = { id, assembler, header, release };
          return;
        }
        case 'range':
          return enqueue(id, async () => ({ range: await use((c) => c.range(decodeRangeQuery(frame.range as never))) }));
        case 'params':
          return enqueue(id, async () => ({ params: decodeQuantParams(await use((c) => c.quantParams(decodeParamsQuery(frame.params as never)))) }));
        case 'histogram':
          return enqueue(id, async () => ({ histogram: encodeHistogram(await use((c) => c.histogram())) }));
        case 'stats':
          return enqueue(id, async () => ({ stats: encodeStats(await use((c) => c.stats())) }));
        default:
          throw protocolError(`Unexpected ${String(frame.frame)} frame in a calibration session`);
      }
    };

    call.on('data', (frame: CalibrationRequest__Output) => {
      if (ended) return;
      try {
        accept(frame);
      } catch (error) {
        fail(error);
      }
    });
    call.on('end', () => {
      if (ended) return;
      if (pending !== undefined) return fail(protocolError(`The stream ended inside update ${pending.id}`));
      void queue.then(() => {
        if (ended) return;
        finish();
        call.end();
      });
    });
  };
}
