import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { classifyFailure } from './run-failure';

const live = new AbortController().signal;

describe('classifyFailure', () => {
  it('a cancel request wins over the error it caused', () => {
    const controller = new AbortController();
    controller.abort(new EdgepressError(ErrorCode.CANCELLED, 'The run was cancelled'));
    expect(classifyFailure(new EdgepressError(ErrorCode.PLUGIN_FAILED, 'sandbox killed'), controller.signal, null)).toEqual({ kind: 'cancelled' });
  });

  it('a shutdown or a lost claim gives the job back', () => {
    const controller = new AbortController();
    controller.abort(new Error('worker stopping'));
    expect(classifyFailure(new Error('aborted'), controller.signal, null)).toEqual({ kind: 'interrupted', reason: 'worker stopping' });
  });

  it('a stage that failed while no kernel server answered is about the kernels, whatever the plugin made of it', () => {
    const unavailable = new EdgepressError(ErrorCode.UNAVAILABLE, 'all kernel servers unreachable');
    expect(classifyFailure(new EdgepressError(ErrorCode.PLUGIN_FAILED, 'Stage 1: kernel call failed'), live, unavailable)).toEqual({ kind: 'kernels-unavailable', error: unavailable });
  });

  it('database outages and connection errors are retried later; everything else is final', () => {
    expect(classifyFailure(new EdgepressError(ErrorCode.UNAVAILABLE, 'The database is unavailable'), live, null).kind).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), live, null).kind).toBe('transient');
    const invalid = new EdgepressError(ErrorCode.INVALID_MODEL, 'Stage 2 produced a model that ONNX Runtime cannot use');
    expect(classifyFailure(invalid, live, null)).toEqual({ kind: 'final', error: invalid });
    const internal = classifyFailure(new TypeError('x is undefined'), live, null);
    expect(internal).toMatchObject({ kind: 'final', error: { code: 'INTERNAL', message: 'Internal error' } });
  });
});
