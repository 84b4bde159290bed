import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { HostToSandbox } from '../wire/ipc-messages';
import { StageBudget } from '../wire/stage-budget';
import { HostDispatcher, type HostCallHandler } from './host-dispatch';
import { DEFAULT_SANDBOX_LIMITS } from './limits';

function dispatcher(handler: HostCallHandler, limits = DEFAULT_SANDBOX_LIMITS) {
  const replies: HostToSandbox[] = [];
  const budget = new StageBudget(limits);
  const host = new HostDispatcher(handler, limits, budget, (message) => replies.push(message));
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  return { host, replies, budget, settled };
}

describe('HostDispatcher', () => {
  it('dispatches protocol methods to the handler and answers with its result', async () => {
    const { host, replies, budget, settled } = dispatcher({ 'model.uniqueName': async (prefix) => `${prefix}_1`, 'tensors.read': async () => ({ dataType: 'float', dims: [1], values: new Float32Array([2]) }) });
    expect(host.dispatch({ id: 1, method: 'model.uniqueName', args: ['conv'] })).toBeUndefined();
    expect(host.dispatch({ id: 2, method: 'tensors.read', args: [{ id: 't', dataType: 'float', dims: [1] }] })).toBeUndefined();
    expect(budget.outstandingCalls).toBe(2);
    await settled();
    expect(replies).toEqual([
      { type: 'result', id: 1, ok: true, value: 'conv_1' },
      { type: 'result', id: 2, ok: true, value: { dataType: 'float', dims: [1], values: new Float32Array([2]) } },
    ]);
    expect(budget.outstandingCalls).toBe(0);
  });

  it.each(['child_process.exec', 'model.__proto__', 'constructor', 'model.graph.call', 'toString'])('refuses the method name %s as a protocol violation', (method) => {
    const graph = jest.fn();
    const { host, replies } = dispatcher({ 'model.graph': graph });
    expect(host.dispatch({ id: 1, method, args: [] })).toEqual({ code: ErrorCode.PLUGIN_FAILED, message: expect.stringContaining('not part of the plugin protocol') });
    expect(graph).not.toHaveBeenCalled();
    expect(replies).toEqual([]);
  });

  it('refuses prototype-polluting, non-plain and oversized arguments before the handler sees them', () => {
    const setAttributes = jest.fn();
    const { host } = dispatcher({ 'model.setAttributes': setAttributes }, { ...DEFAULT_SANDBOX_LIMITS, maxHostCallArgBytes: 2048 });
    expect(host.dispatch({ id: 1, method: 'model.setAttributes', args: ['n', JSON.parse('{"__proto__": {"x": 1}}')] })).toEqual({
      code: ErrorCode.PLUGIN_FAILED,
      message: 'the arguments of model.setAttributes cannot be sent to the host: args[1].__proto__ is a key that could pollute prototypes',
    });
    expect(host.dispatch({ id: 2, method: 'model.setAttributes', args: ['n', { axis: 'x'.repeat(4000) }] })?.code).toBe(ErrorCode.RESOURCE_EXHAUSTED);
    expect(setAttributes).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('enforces the outstanding-call cap itself', () => {
    const { host } = dispatcher({ 'model.graph': () => new Promise(() => undefined) }, { ...DEFAULT_SANDBOX_LIMITS, maxOutstandingHostCalls: 1 });
    expect(host.dispatch({ id: 1, method: 'model.graph', args: [] })).toBeUndefined();
    expect(host.dispatch({ id: 2, method: 'model.graph', args: [] })?.code).toBe(ErrorCode.RESOURCE_EXHAUSTED);
  });

  it('answers handler errors with their public code, masking internal ones and host paths', async () => {
    const { host, replies, settled } = dispatcher({
      'tensors.read': async () => {
        throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, 'unknown tensor t9 in /srv/edgepress/models/m1.onnx');
      },
      'model.graph': () => {
        throw new Error('connect ECONNREFUSED postgres://secret@db');
      },
    });
    host.dispatch({ id: 1, method: 'tensors.read', args: [{ id: 't9', dataType: 'float', dims: [] }] });
    host.dispatch({ id: 2, method: 'model.graph', args: [] });
    host.dispatch({ id: 3, method: 'kernels.lowRank', args: [] });
    await settled();
    const byId = [...replies].sort((a, b) => ('id' in a && 'id' in b ? a.id - b.id : 0));
    expect(byId).toEqual([
      { type: 'result', id: 1, ok: false, error: { code: ErrorCode.INVALID_ARGUMENT, message: 'unknown tensor t9 in <path>' } },
      { type: 'result', id: 2, ok: false, error: { code: ErrorCode.INTERNAL, message: 'Internal error' } },
      { type: 'result', id: 3, ok: false, error: { code: ErrorCode.UNAVAILABLE, message: 'kernels.lowRank is not available in this host' } },
    ]);
  });

  it('never sends functions, symbols or class instances back to the plugin', async () => {
    const { host, replies, settled } = dispatcher({ 'model.graph': async () => ({ nodes: [], helper: () => process.exit(1) }) as never });
    host.dispatch({ id: 1, method: 'model.graph', args: [] });
    await settled();
    expect(replies).toEqual([{ type: 'result', id: 1, ok: false, error: { code: ErrorCode.INTERNAL, message: "the host's model.graph returned a value that cannot be sent to the plugin" } }]);
  });

  it('stops answering once closed', async () => {
    const { host, replies, settled } = dispatcher({ 'model.uniqueName': async () => 'n' });
    host.dispatch({ id: 1, method: 'model.uniqueName', args: ['p'] });
    host.close();
    await settled();
    expect(replies).toEqual([]);
  });
});
