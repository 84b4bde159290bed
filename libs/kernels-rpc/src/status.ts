/**
 * EdgepressError <-> gRPC status, once for the server and the client. The server sends the
 * status that EdgepressError.grpcStatus names, the caller-safe message as details, and the exact
 * public code and argument in trailing metadata; the client prefers those trailers and falls back
 * to the status alone for statuses grpc-js makes itself (UNAVAILABLE, DEADLINE_EXCEEDED, ...).
 * Unknown errors are masked as INTERNAL by toEdgepressError: no stack or path leaves the server.
 */
import { Metadata, status as Status, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { EdgepressError, ErrorCode, isErrorCode, toEdgepressError } from '@edgepress/errors';

const CODE_KEY = 'edgepress-code';
const ARGUMENT_KEY = 'edgepress-argument';

export function toGrpcStatus(error: unknown): Partial<StatusObject> & { code: Status } {
  const e = toEdgepressError(error);
  const metadata = new Metadata();
  metadata.set(CODE_KEY, e.code);
  const argument = e.details?.argument;
  if (typeof argument === 'string') metadata.set(ARGUMENT_KEY, argument);
  return { code: e.grpcStatus, details: e.message, metadata };
}

/** The public code for a status that arrived without Edgepress trailers. */
function codeForStatus(code: number): ErrorCode {
  const name = Status[code];
  return isErrorCode(name) ? name : ErrorCode.INTERNAL;
}

function firstString(metadata: Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

export function fromGrpcError(error: Partial<ServiceError>): EdgepressError {
  const sent = firstString(error.metadata, CODE_KEY);
  const code = isErrorCode(sent) ? sent : codeForStatus(error.code ?? Status.UNKNOWN);
  const argument = firstString(error.metadata, ARGUMENT_KEY);
  const message = error.details || error.message || `Kernel call failed with ${code}`;
  return new EdgepressError(code, message, { cause: error, details: argument === undefined ? undefined : { argument } });
}

/**
 * A client-side failure: like fromGrpcError, except that CANCELLED which the caller did not ask
 * for (the server reset the stream while shutting down, a proxy dropped it) is UNAVAILABLE, so
 * that it is retried like any other lost server.
 */
export function fromCallError(error: Partial<ServiceError>, cancelledByCaller: boolean): EdgepressError {
  const e = fromGrpcError(error);
  if (e.code !== ErrorCode.CANCELLED || cancelledByCaller) return e;
  return new EdgepressError(ErrorCode.UNAVAILABLE, `The kernel server ended the call (${e.message})`, { cause: error });
}
