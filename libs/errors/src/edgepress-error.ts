import { CODE_MAPPINGS, ErrorCode, isErrorCode } from './codes';

export interface EdgepressErrorOptions {
  /** The lower-level error, kept for logs; never sent to clients. */
  cause?: unknown;
  /** Machine-readable details that are safe to show to the caller (argument names, limits). */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * The one error base of Edgepress. `code` is public; `message` is written for the caller and
 * must name what was expected and what arrived; `cause` is internal.
 */
export class EdgepressError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: EdgepressErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EdgepressError';
    this.code = code;
    this.details = options.details;
  }

  get httpStatus(): number {
    return CODE_MAPPINGS[this.code].http;
  }

  get grpcStatus(): number {
    return CODE_MAPPINGS[this.code].grpc;
  }

  get exitCode(): number {
    return CODE_MAPPINGS[this.code].exit;
  }

  /** The shape that crosses process boundaries (sandbox, gRPC, GraphQL). */
  toJSON(): { code: ErrorCode; message: string; details?: Readonly<Record<string, unknown>> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isEdgepressError(value: unknown): value is EdgepressError {
  return value instanceof EdgepressError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'EdgepressError' &&
      isErrorCode((value as { code?: unknown }).code));
}

/**
 * Turns anything thrown into an EdgepressError. Unknown errors become INTERNAL with a generic
 * message, so internal details (paths, SQL, stack traces) never reach a client.
 */
export function toEdgepressError(value: unknown): EdgepressError {
  if (value instanceof EdgepressError) return value;
  if (isEdgepressError(value)) {
    const plain = value as { code: ErrorCode; message: string; details?: Record<string, unknown> };
    return new EdgepressError(plain.code, plain.message, { details: plain.details });
  }
  return new EdgepressError(ErrorCode.INTERNAL, 'Internal error', { cause: value });
}
