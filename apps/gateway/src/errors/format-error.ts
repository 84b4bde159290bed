/**
 * Turns every error that leaves the gateway over GraphQL into its public form.
 *
 * Threat model (trust boundary 1): resolver and library errors can carry SQL, file paths,
 * connection strings and stack traces. Only two kinds of message reach a client: an
 * EdgepressError's (written for the caller, with its public code and safe `details`), and GraphQL's
 * own request errors (parse, validation, variable coercion, our depth/alias/cost limits), which
 * describe the client's own document and become BAD_USER_INPUT. Everything else is INTERNAL with
 * the message "Internal error"; the original is logged with the request id (see
 * logging-plugin.ts). Tests: format-error.test.ts, test/masked-errors.test.ts.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, isEdgepressError, type EdgepressError } from '@edgepress/errors';

/** Apollo Server's classes for errors in the request itself (the client's document or variables). */
const REQUEST_ERROR_CLASSES = new Set([
  'SyntaxError',
  'ValidationError',
  'UserInputError',
  'OperationResolutionError',
  'BadRequestError',
  'PersistedQueryNotFoundError',
  'PersistedQueryNotSupportedError',
]);

/** Extensions our own validation rules add (limits), passed through to the client. */
const PUBLIC_LIMIT_EXTENSIONS = ['limit', 'maximum', 'actual'] as const;

/** The first EdgepressError along a chain of originalError/cause links. */
export function findEdgepressError(error: unknown): EdgepressError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth += 1) {
    if (isEdgepressError(current)) return current;
    const next = (current as { originalError?: unknown }).originalError;
    current = next ?? undefined;
  }
  return undefined;
}

/** Whether an error is one GraphQL or Apollo raised about the request (safe to show). */
export function isRequestError(error: unknown): error is GraphQLError {
  if (!(error instanceof GraphQLError)) return false;
  if (REQUEST_ERROR_CLASSES.has(error.name)) return true;
  // graphql-js validation and parse errors that did not pass through Apollo (graphql-ws path).
  return error.originalError === undefined && error.path === undefined;
}

export function formatPublicError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const edgepress = findEdgepressError(error);
  if (edgepress) {
    const extensions: Record<string, unknown> = { code: edgepress.code };
    if (edgepress.details !== undefined) extensions.details = edgepress.details;
    return { message: edgepress.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  if (isRequestError(error)) {
    const extensions: Record<string, unknown> = { code: ErrorCode.BAD_USER_INPUT };
    const reason = error.extensions.code;
    if (typeof reason === 'string' && reason !== ErrorCode.BAD_USER_INPUT) extensions.reason = reason;
    for (const key of PUBLIC_LIMIT_EXTENSIONS) if (error.extensions[key] !== undefined) extensions[key] = error.extensions[key];
    return { message: error.message, locations: formatted.locations, extensions };
  }
  return { message: 'Internal error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
}

/** Codes that mean the server failed (not the request): their causes are logged. */
const SERVER_SIDE_CODES = new Set<string>([ErrorCode.INTERNAL, ErrorCode.UNAVAILABLE, ErrorCode.PLUGIN_FAILED, ErrorCode.DEADLINE_EXCEEDED]);

/** True when the error is masked or is the server's fault: the original must be logged. */
export function needsLogging(error: unknown): boolean {
  const edgepress = findEdgepressError(error);
  if (edgepress) return SERVER_SIDE_CODES.has(edgepress.code);
  return !isRequestError(error);
}
