/**
 * The public error codes of Edgepress. This is the one place they are defined; every surface
 * (GraphQL `extensions.code`, HTTP status, gRPC status, CLI exit code) derives from this table.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_MODEL: 'INVALID_MODEL',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  FILE_NOT_FOUND: 'FILE_NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RESOURCE_EXHAUSTED: 'RESOURCE_EXHAUSTED',
  RATE_LIMITED: 'RATE_LIMITED',
  CONSTRAINT_NOT_MET: 'CONSTRAINT_NOT_MET',
  PLUGIN_FAILED: 'PLUGIN_FAILED',
  CANCELLED: 'CANCELLED',
  DEADLINE_EXCEEDED: 'DEADLINE_EXCEEDED',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** gRPC status numbers (grpc/status.h); kept here so this package depends on nothing. */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

interface CodeMapping {
  readonly http: number;
  readonly grpc: number;
  readonly exit: number;
}

/** CLI exit codes: 2 usage, 3 invalid model, 4 file missing or unreadable, 5 constraint not met. */
export const CODE_MAPPINGS: Readonly<Record<ErrorCode, CodeMapping>> = {
  BAD_USER_INPUT: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, exit: 2 },
  INVALID_MODEL: { http: 422, grpc: GrpcStatus.INVALID_ARGUMENT, exit: 3 },
  INVALID_ARGUMENT: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, exit: 2 },
  UNAUTHENTICATED: { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, exit: 1 },
  FORBIDDEN: { http: 403, grpc: GrpcStatus.PERMISSION_DENIED, exit: 1 },
  NOT_FOUND: { http: 404, grpc: GrpcStatus.NOT_FOUND, exit: 1 },
  FILE_NOT_FOUND: { http: 404, grpc: GrpcStatus.NOT_FOUND, exit: 4 },
  CONFLICT: { http: 409, grpc: GrpcStatus.ALREADY_EXISTS, exit: 1 },
  RESOURCE_EXHAUSTED: { http: 413, grpc: GrpcStatus.RESOURCE_EXHAUSTED, exit: 1 },
  RATE_LIMITED: { http: 429, grpc: GrpcStatus.RESOURCE_EXHAUSTED, exit: 1 },
  CONSTRAINT_NOT_MET: { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, exit: 5 },
  PLUGIN_FAILED: { http: 500, grpc: GrpcStatus.ABORTED, exit: 1 },
  CANCELLED: { http: 499, grpc: GrpcStatus.CANCELLED, exit: 1 },
  DEADLINE_EXCEEDED: { http: 504, grpc: GrpcStatus.DEADLINE_EXCEEDED, exit: 1 },
  UNAVAILABLE: { http: 503, grpc: GrpcStatus.UNAVAILABLE, exit: 1 },
  INTERNAL: { http: 500, grpc: GrpcStatus.INTERNAL, exit: 1 },
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CODE_MAPPINGS, value);
}
