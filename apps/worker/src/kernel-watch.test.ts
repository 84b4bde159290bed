import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { watchKernelFailures } from './kernel-watch';

class FakeSession {
  #broken: EdgepressError | null;
  constructor(broken: EdgepressError | null) {
    this.#broken = broken;
  }
  async add(batch: Float32Array): Promise<number> {
    if (this.#broken) throw this.#broken;
    return batch.length;
  }
}

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
  async createCalibrator(): Promise<FakeSession> {
    return new FakeSession(this.failWith);
  }
  async tensor(): Promise<{ dims: number[]; data: Float32Array }> {
    return { dims: [2], data: new Float32Array([1, 2]) };
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

  it('watches the sessions the service opens (a calibration session whose server went away)', async () => {
    const unavailable = new EdgepressError(ErrorCode.UNAVAILABLE, 'the calibration session is closed');
    const watch = watchKernelFailures(new FakeKernels(unavailable));
    const session = await watch.service.createCalibrator();
    expect(watch.take()).toBeNull();
    await expect(session.add(new Float32Array(3))).rejects.toBe(unavailable);
    expect(watch.take()).toBe(unavailable);
    // Data comes back as it is (no proxy around tensors).
    const healthy = watchKernelFailures(new FakeKernels(null));
    const tensor = await healthy.service.tensor();
    expect(tensor.data).toBeInstanceOf(Float32Array);
    expect(await (await healthy.service.createCalibrator()).add(new Float32Array(4))).toBe(4);
  });

  it('ignores other failures, which are the plugin\'s or the arguments\' fault', async () => {
    const watch = watchKernelFailures(new FakeKernels(new EdgepressError(ErrorCode.INVALID_ARGUMENT, 'scale is NaN')));
    await expect(watch.service.quantize([1])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(watch.take()).toBeNull();
  });
});
