import { EdgepressError, ErrorCode } from '@edgepress/errors';

/** The model (bytes, structure or tensor data) is not something we accept. */
export function invalidModel(message: string, details?: Record<string, unknown>, cause?: unknown): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_MODEL, message, { details, cause });
}

/** A caller passed a bad argument to the API (not a problem of the model itself). */
export function invalidArgument(message: string, details?: Record<string, unknown>): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details });
}

/** A node, weight or value that the caller named does not exist. */
export function notFound(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.NOT_FOUND, message);
}

/** The edit cannot be done safely (for example an opset raise across a semantic change). */
export function constraintNotMet(message: string, details?: Record<string, unknown>): EdgepressError {
  return new EdgepressError(ErrorCode.CONSTRAINT_NOT_MET, message, { details });
}
