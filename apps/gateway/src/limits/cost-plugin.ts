import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { costLimitError, operationCost } from './cost';

/** Applies the cost limit (cost.ts) over HTTP, once the operation and its variables are known. */
export function costLimitPlugin(maximum: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, schema }) {
          const actual = operationCost(schema, document, { operationName, variables: request.variables ?? {} });
          if (actual > maximum) throw costLimitError(actual, maximum);
        },
      };
    },
  };
}
