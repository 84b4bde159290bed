import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { EdgepressError } from '@edgepress/errors';

/**
 * An EdgepressError raised before execution (authentication, rate limits, cost) as the GraphQLError
 * Apollo Server expects, carrying the HTTP status of its code (401, 403, 429, ...).
 */
export function requestFailure(error: EdgepressError, headers: Record<string, string> = {}): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: { status: error.httpStatus, headers: new HeaderMap(Object.entries(headers)) } },
  });
}
