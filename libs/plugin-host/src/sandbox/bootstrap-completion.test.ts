import { ErrorCode } from '@edgepress/errors';
import { DEFAULT_SANDBOX_LIMITS } from '../host/limits';
import type { SandboxJob } from '../wire/ipc-messages';
import { describeCompletion } from './bootstrap-completion';

const job: SandboxJob = { bootstrapSource: '', phase: 'run', code: '', params: {}, target: { id: 'cpu-x' } as never, calibrationBatches: 0, limits: DEFAULT_SANDBOX_LIMITS };

describe('describeCompletion', () => {
  it('passes JSON outcomes through within their limits', () => {
    expect(describeCompletion({ kind: 'ok', manifestJson: '{}', valueJson: '{"notes":[]}' }, job)).toEqual({ outcome: { manifestJson: '{}', valueJson: '{"notes":[]}' } });
    const huge = describeCompletion({ kind: 'ok', manifestJson: '{}', valueJson: 'x'.repeat(DEFAULT_SANDBOX_LIMITS.maxResultBytes + 1) }, job);
    expect(huge).toEqual({ error: { code: ErrorCode.RESOURCE_EXHAUSTED, message: expect.stringMatching(/limits\.maxResultBytes/) } });
  });

  it('never lets a plugin choose the stage code, except BAD_USER_INPUT from its params', () => {
    expect(describeCompletion({ kind: 'failed', stage: 'run', code: 'CANCELLED', message: 'fake' }, job)).toEqual({
      error: { code: ErrorCode.PLUGIN_FAILED, message: 'run() failed: [CANCELLED] fake' },
    });
    expect(describeCompletion({ kind: 'failed', stage: 'prepare', code: 'BAD_USER_INPUT', message: 'Invalid params' }, job)).toEqual({
      error: { code: ErrorCode.BAD_USER_INPUT, message: 'Invalid params' },
    });
    expect(describeCompletion({ kind: 'failed', stage: 'run', code: 'made-up', message: 'at /work/main/x.ts' }, job)).toEqual({
      error: { code: ErrorCode.PLUGIN_FAILED, message: 'run() failed: at <path>' },
    });
  });

  it('names the target a plugin does not support', () => {
    expect(describeCompletion({ kind: 'unsupported', reason: 'needs an NPU' }, job)).toEqual({ error: { code: ErrorCode.BAD_USER_INPUT, message: 'does not support target cpu-x: needs an NPU' } });
  });
});
