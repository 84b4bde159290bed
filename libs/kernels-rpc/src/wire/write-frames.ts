/**
 * Writes frames to a gRPC stream one at a time, waiting for 'drain' whenever the stream's buffer
 * is full: without it grpc-js would serialize (and so copy) a whole large tensor into memory at
 * once. Stops with CANCELLED when the signal aborts or the stream closes.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Writable } from 'node:stream';

function waitForDrain(stream: Writable, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      stream.off('error', onClose);
      signal.removeEventListener('abort', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => done();
    const onClose = (): void => done(new EdgepressError(ErrorCode.CANCELLED, 'The stream closed while tensors were being sent'));
    stream.on('drain', onDrain);
    stream.on('close', onClose);
    stream.on('error', onClose);
    signal.addEventListener('abort', onClose, { once: true });
  });
}

export async function writeFrames(stream: Writable, frames: Iterable<object>, signal: AbortSignal): Promise<void> {
  for (const frame of frames) {
    if (signal.aborted || stream.destroyed || stream.writableEnded) {
      throw new EdgepressError(ErrorCode.CANCELLED, 'The call ended while tensors were being sent');
    }
    if (!stream.write(frame)) await waitForDrain(stream, signal);
  }
}
