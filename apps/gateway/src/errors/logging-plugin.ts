import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { findEdgepressError, needsLogging } from './format-error';

/**
 * Logs the originals of masked errors (and of server-side failures) with the request id, before
 * format-error.ts replaces them by "Internal error" in the response.
 */
export function errorLoggingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            if (!needsLogging(error)) continue;
            const original = findEdgepressError(error)?.cause ?? error.originalError ?? error;
            contextValue.log.error({ err: original, path: error.path, operationName }, 'GraphQL request failed');
          }
        },
      };
    },
  };
}
