import { CODE_MAPPINGS, EdgepressError, ErrorCode, toEdgepressError } from './index';

describe('EdgepressError', () => {
  it('maps every public code to an HTTP status, a gRPC status and an exit code', () => {
    for (const code of Object.values(ErrorCode)) {
      const error = new EdgepressError(code, 'x');
      expect(error.httpStatus).toBe(CODE_MAPPINGS[code].http);
      expect(error.httpStatus).toBeGreaterThanOrEqual(400);
      expect(error.grpcStatus).toBeGreaterThan(0);
      expect(error.exitCode).toBeGreaterThan(0);
    }
  });

  it('uses the CLI exit codes of the contract', () => {
    expect(new EdgepressError(ErrorCode.BAD_USER_INPUT, 'x').exitCode).toBe(2);
    expect(new EdgepressError(ErrorCode.INVALID_MODEL, 'x').exitCode).toBe(3);
    expect(new EdgepressError(ErrorCode.FILE_NOT_FOUND, 'x').exitCode).toBe(4);
    expect(new EdgepressError(ErrorCode.CONSTRAINT_NOT_MET, 'x').exitCode).toBe(5);
  });

  it('keeps the cause for logs but not in the serialised form', () => {
    const cause = new Error('connect ECONNREFUSED postgres://secret@db');
    const error = new EdgepressError(ErrorCode.UNAVAILABLE, 'Database unavailable', { cause });
    expect(error.cause).toBe(cause);
    expect(JSON.stringify(error)).not.toContain('secret');
  });

  it('masks unknown errors as INTERNAL with a generic message', () => {
    const masked = toEdgepressError(new Error('/home/app/src/secret.ts:12'));
    expect(masked.code).toBe(ErrorCode.INTERNAL);
    expect(masked.message).toBe('Internal error');
  });

  it('revives a serialised error that crossed a process boundary', () => {
    const wire = JSON.parse(JSON.stringify({ ...new EdgepressError(ErrorCode.NOT_FOUND, 'no model m1').toJSON(), name: 'EdgepressError' }));
    const revived = toEdgepressError(wire);
    expect(revived).toBeInstanceOf(EdgepressError);
    expect(revived.code).toBe(ErrorCode.NOT_FOUND);
    expect(revived.message).toBe('no model m1');
  });
});
