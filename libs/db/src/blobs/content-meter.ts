import { createHash } from 'node:crypto';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { BlobSource } from './blob-store';

/**
 * Passes a source's bytes through while hashing and counting them. Exceeding the cap throws at the
 * chunk that crosses it, which ends the iteration and so destroys a Readable source: the rest of
 * an oversized upload is never read.
 */
export class ContentMeter {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  async *pass(source: BlobSource): AsyncGenerator<Buffer> {
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        let step: IteratorResult<Uint8Array | string>;
        try {
          step = await iterator.next();
        } catch (error) {
          throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'The upload stream failed before its end', { cause: error });
        }
        if (step.done) return;
        const chunk = typeof step.value === 'string' ? Buffer.from(step.value) : Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength);
        this.bytes += chunk.length;
        if (this.bytes > this.maxBytes) {
          throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `Expected at most ${this.maxBytes} bytes but the upload is larger`, {
            details: { maxBytes: this.maxBytes },
          });
        }
        this.hash.update(chunk);
        yield chunk;
      }
    } finally {
      // Stops (and for a Readable, destroys) the source when we leave early.
      await iterator.return?.();
    }
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /** The hex sha256 of everything passed; call once, after the source is exhausted. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

export function checkExpectedHash(actual: string, expected: string | undefined): void {
  if (expected !== undefined && expected !== actual) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected the content to hash to ${expected} but it hashes to ${actual}`, {
      details: { field: 'sha256' },
    });
  }
}
