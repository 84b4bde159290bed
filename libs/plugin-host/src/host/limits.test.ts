import { ErrorCode } from '@edgepress/errors';
import { DEFAULT_SANDBOX_LIMITS, resolveSandboxLimits } from './limits';

describe('resolveSandboxLimits', () => {
  it('returns the defaults, or the defaults with named limits raised', () => {
    expect(resolveSandboxLimits(undefined)).toBe(DEFAULT_SANDBOX_LIMITS);
    expect(resolveSandboxLimits({ memoryMb: 1024, wallTimeMs: undefined })).toEqual({ ...DEFAULT_SANDBOX_LIMITS, memoryMb: 1024 });
    expect(Object.isFrozen(DEFAULT_SANDBOX_LIMITS)).toBe(true);
  });

  it.each([
    [{ memoryMb: 8 }, /between 16 and 16384 for limits\.memoryMb but received 8/],
    [{ cpuTimeMs: 1.5 }, /limits\.cpuTimeMs but received 1.5/],
    [{ maxLogLines: '10' }, /limits\.maxLogLines but received string/],
    [{ timeout: 1 }, /Unknown sandbox limit "timeout"/],
  ])('refuses %p', (overrides, message) => {
    expect(() => resolveSandboxLimits(overrides as never)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(message) }));
  });
});
