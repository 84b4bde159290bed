import { Metadata, status as Status } from '@grpc/grpc-js';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { fromCallError, fromGrpcError, toGrpcStatus } from './status';

describe('status mapping', () => {
  it.each([
    [ErrorCode.INVALID_ARGUMENT, Status.INVALID_ARGUMENT],
    [ErrorCode.RESOURCE_EXHAUSTED, Status.RESOURCE_EXHAUSTED],
    [ErrorCode.CANCELLED, Status.CANCELLED],
    [ErrorCode.DEADLINE_EXCEEDED, Status.DEADLINE_EXCEEDED],
    [ErrorCode.UNAVAILABLE, Status.UNAVAILABLE],
  ])('sends %s as gRPC status %i and reads it back with its message and argument', (code, grpc) => {
    const status = toGrpcStatus(new EdgepressError(code, `bad thing about params.scale[3]`, { details: { argument: 'params.scale[3]' } }));
    expect(status.code).toBe(grpc);
    const back = fromGrpcError({ code: status.code, details: status.details, metadata: status.metadata as Metadata });
    expect(back).toBeInstanceOf(EdgepressError);
    expect(back.code).toBe(code);
    expect(back.message).toBe('bad thing about params.scale[3]');
    expect(back.details).toEqual({ argument: 'params.scale[3]' });
  });

  it('keeps the exact public code when several share one gRPC status', () => {
    const status = toGrpcStatus(new EdgepressError(ErrorCode.RATE_LIMITED, 'slow down'));
    expect(status.code).toBe(Status.RESOURCE_EXHAUSTED);
    expect(fromGrpcError({ ...status, metadata: status.metadata as Metadata }).code).toBe(ErrorCode.RATE_LIMITED);
  });

  it('masks unexpected errors as INTERNAL without their message', () => {
    const status = toGrpcStatus(new Error('/srv/app/secret.ts:12 exploded'));
    expect(status.code).toBe(Status.INTERNAL);
    expect(status.details).toBe('Internal error');
  });

  it('maps statuses that grpc-js makes itself (no trailers) by their name', () => {
    expect(fromGrpcError({ code: Status.UNAVAILABLE, details: 'No connection established' }).code).toBe(ErrorCode.UNAVAILABLE);
    expect(fromGrpcError({ code: Status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' }).code).toBe(ErrorCode.DEADLINE_EXCEEDED);
    expect(fromGrpcError({ code: Status.CANCELLED, details: 'Cancelled on client' }).code).toBe(ErrorCode.CANCELLED);
    expect(fromGrpcError({ code: Status.RESOURCE_EXHAUSTED, details: 'Received message larger than max' }).code).toBe(ErrorCode.RESOURCE_EXHAUSTED);
    expect(fromGrpcError({ code: Status.UNIMPLEMENTED, details: 'no such method' }).code).toBe(ErrorCode.INTERNAL);
  });

  it('ignores a forged code in trailers that is not a public code', () => {
    const metadata = new Metadata();
    metadata.set('edgepress-code', 'ROOT_ACCESS');
    expect(fromGrpcError({ code: Status.INVALID_ARGUMENT, details: 'x', metadata }).code).toBe(ErrorCode.INVALID_ARGUMENT);
  });
});

describe('client-side mapping', () => {
  it('turns a CANCELLED the caller did not ask for into a retryable UNAVAILABLE', () => {
    expect(fromCallError({ code: Status.CANCELLED, details: 'Call cancelled' }, false).code).toBe(ErrorCode.UNAVAILABLE);
    expect(fromCallError({ code: Status.CANCELLED, details: 'Cancelled on client' }, true).code).toBe(ErrorCode.CANCELLED);
    expect(fromCallError({ code: Status.INVALID_ARGUMENT, details: 'x' }, false).code).toBe(ErrorCode.INVALID_ARGUMENT);
  });
});
