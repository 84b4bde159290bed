import { EdgepressError, ErrorCode } from '@edgepress/errors';

/**
 * The tensor bytes all in-flight calls of a server may hold at once. A call reserves its declared
 * bytes before anything is allocated and releases them when it ends, so many concurrent large
 * calls get RESOURCE_EXHAUSTED instead of exhausting memory.
 */
export class ByteBudget {
  private used = 0;

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  /** Takes `bytes` or throws RESOURCE_EXHAUSTED; returns the function that gives them back (once). */
  reserve(bytes: number): () => void {
    if (this.used + bytes > this.capacity) {
      throw new EdgepressError(
        ErrorCode.RESOURCE_EXHAUSTED,
        `The server is holding ${this.used} bytes of tensors for other calls; ${bytes} more would exceed its budget of ${this.capacity} bytes. Retry later.`,
        { details: { argument: 'tensors', cap: this.capacity } },
      );
    }
    this.used += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
    };
  }
}
