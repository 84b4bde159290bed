import { ErrorCode } from '@edgepress/errors';
import { createStageContext } from './create-stage-context';
import { HOST_METHOD_NAMES, isHostMethodName, type HostBridge, type HostMethodName } from './protocol';
import type { PluginTarget } from './target';

function recordingBridge() {
  const calls: Array<{ method: HostMethodName; args: readonly unknown[] }> = [];
  const progress: Array<[number, string | undefined]> = [];
  const logs: string[] = [];
  let aborted = false;
  const bridge: HostBridge = {
    async call(method, args) {
      calls.push({ method, args });
      return `${method}-result`;
    },
    progress: (fraction, message) => progress.push([fraction, message]),
    log: (level, message) => logs.push(`${level}:${message}`),
    isAborted: () => aborted,
  };
  return { bridge, calls, progress, logs, abort: () => (aborted = true) };
}

describe('createStageContext', () => {
  it('forwards every context method to the host under its protocol name', async () => {
    const { bridge, calls } = recordingBridge();
    const ctx = createStageContext(bridge, { id: 't' } as PluginTarget, 3);
    const handle = { id: 'h1', dataType: 'float' as const, dims: [2, 2] };
    await expect(ctx.model.graph()).resolves.toBe('model.graph-result');
    await ctx.kernels.nmPrune(handle, { n: 2, m: 4, axis: 1 });
    await ctx.tensors.read(handle);
    await ctx.calibration.ranges(['x'], { method: 'entropy' });
    await ctx.runtime.profile();
    expect(calls.map((c) => c.method)).toEqual(['model.graph', 'kernels.nmPrune', 'tensors.read', 'calibration.ranges', 'runtime.profile']);
    expect(calls[1]?.args).toEqual([handle, { n: 2, m: 4, axis: 1 }]);
    expect(ctx.calibration.batches).toBe(3);
  });

  it('exposes exactly the protocol method names', () => {
    expect(HOST_METHOD_NAMES).toContain('model.setWeight');
    expect(HOST_METHOD_NAMES).toContain('kernels.tucker2');
    expect(new Set(HOST_METHOD_NAMES).size).toBe(HOST_METHOD_NAMES.length);
    expect(isHostMethodName('model.graph')).toBe(true);
    expect(isHostMethodName('constructor')).toBe(false);
    expect(isHostMethodName('model.__proto__')).toBe(false);
  });

  it('clamps progress, stringifies log messages and reports cancellation', () => {
    const { bridge, progress, logs, abort } = recordingBridge();
    const ctx = createStageContext(bridge, { id: 't' } as PluginTarget, 0);
    ctx.progress(1.7, 'done');
    ctx.progress(-1);
    ctx.progress(Number.NaN);
    ctx.log.warn('careful');
    expect(progress).toEqual([[1, 'done'], [0, undefined]]);
    expect(logs).toEqual(['warn:careful']);
    expect(ctx.signal.aborted).toBe(false);
    abort();
    expect(ctx.signal.aborted).toBe(true);
    expect(() => ctx.signal.throwIfAborted()).toThrow(expect.objectContaining({ code: ErrorCode.CANCELLED }));
  });

  it('returns a frozen context that a plugin cannot rewire', () => {
    const ctx = createStageContext(recordingBridge().bridge, { id: 't' } as PluginTarget, 0);
    expect(Object.isFrozen(ctx)).toBe(true);
    expect(Object.isFrozen(ctx.model)).toBe(true);
  });
});
