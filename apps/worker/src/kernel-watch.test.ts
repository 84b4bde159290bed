import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { watchKernelFailures } from './kernel-watch';

class FakeKernels {
  calls = 0;
  constructor(private readonly failWith: EdgepressError | null) {}
  async quantize(values: number[]): Promise<number[]> {
    this.calls++;
    if (this.failWith) throw this.failWith;
    return values.map((v) => Math.round(v));
  }
  describe(): string {
    return `calls=${this.calls}`;
  }
}

describe('watchKernelFailures', () => {
  it('passes results, this and plain members through unchanged', async () => {
    const watch = watchKernelFailures(new FakeKernels(null));
    await expect(watch.service.quantize([1.4, 2.6])).resolves.toEqual([1, 3]);
    expect(watch.service.describe()).toBe('calls=1');
    expect(watch.service.calls).toBe(1);
    expect(watch.take()).toBeNull();
  });

  it('remembers an UNAVAILABLE rejection until it is taken, and still rejects the call', async () => {
    const unavailable = new EdgepressError(ErrorCode.UNAVAILABLE, 'no kernel server answered');
    const watch = watchKernelFailures(new FakeKernels(unavailable));
    await expect(watch.service.quantize([1])).rejects.toBe(unavailable);
    expect(watch.take()).toBe(unavailable);
    expect(watch.take()).toBeNull();
  });

  it('ignores other failures, which are the plugin\'s or the arguments\' fault', async () => {
    const watch = watchKernelFailures(new FakeKernels(new EdgepressError(ErrorCode.INVALID_ARGUMENT, 'scale is NaN')));
    await expect(watch.service.quantize([1])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(watch.take()).toBeNull();
  });
});
