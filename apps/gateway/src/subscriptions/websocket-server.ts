/**
 * GraphQL over WebSocket (graphql-ws) on /graphql: subscriptions (and any operation) with the same
 * authentication, rate limit, validation rules, cost limit and error masking as HTTP.
 *
 * Threat model (trust boundary 1): the token travels in the connection_init payload
 * (`{ authorization: "Bearer ..." }`) or the upgrade request's Authorization header, never in a
 * cookie, so another origin cannot open an authenticated socket in a user's browser. A refused
 * token closes the socket (4403). Every operation spends from the token's rate-limit bucket and
 * passes depth/alias/cost limits before it executes; frames are capped at maxPayload bytes.
 * Subscription resolvers check the run's team before any event flows (run-streams.ts).
 * Tests: test/subscriptions.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { toEdgepressError } from '@edgepress/errors';
import type { RequestAuthenticator } from '../auth/request-authenticator';
import type { Viewer } from '../auth/viewer';
import { createContext, type GatewayServices } from '../context';
import { formatPublicError, needsLogging } from '../errors/format-error';
import { costLimitError, operationCost } from '../limits/cost';

export interface WebSocketOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  services: GatewayServices;
  authenticator: RequestAuthenticator;
  validationRules: ValidationRule[];
  maxCost: number;
  maxPayloadBytes: number;
  log: Logger;
}

interface SocketExtra {
  viewer?: Viewer;
  connectionId?: string;
}

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined, header: string | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : header;
}

export function startWebSocketServer(options: WebSocketOptions): { close(): Promise<void> } {
  const { schema, services, authenticator, log } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: options.maxPayloadBytes });
  const rules = [...specifiedRules, ...options.validationRules];

  const publicErrors = (errors: readonly GraphQLError[], connectionId: string | undefined) =>
    errors.map((error) => {
      if (needsLogging(error)) log.error({ err: error.originalError ?? error, connectionId }, 'GraphQL operation over WebSocket failed');
      return formatPublicError(error.toJSON(), error);
    });

  const server = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        const extra = ctx.extra as typeof ctx.extra & SocketExtra;
        const request = extra.request;
        try {
          extra.viewer = await authenticator.authenticate(authorizationOf(ctx.connectionParams, request.headers.authorization), request.socket.remoteAddress ?? 'unknown');
          extra.connectionId = randomUUID();
          return true;
        } catch (error) {
          log.info({ code: toEdgepressError(error).code }, 'WebSocket connection refused');
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const extra = ctx.extra as typeof ctx.extra & SocketExtra;
        const viewer = extra.viewer;
        if (!viewer) return [new GraphQLError('Not authenticated')];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: 20_000 });
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
        const actual = operationCost(schema, document, { variables: payload.variables ?? {}, operationName: payload.operationName });
        if (actual > options.maxCost) return [costLimitError(actual, options.maxCost)];
        try {
          authenticator.spend(viewer);
        } catch (error) {
          return [new GraphQLError((error as Error).message, { originalError: error as Error })];
        }
        const requestId = `${extra.connectionId}:${id}`;
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: createContext(viewer, services, requestId, log.child({ requestId, teamId: viewer.teamId, tokenId: viewer.tokenId })),
        };
      },
      onError: (ctx, _id, _payload, errors) => publicErrors(errors, (ctx.extra as SocketExtra).connectionId),
      onNext: (ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        return { ...result, errors: publicErrors(result.errors, (ctx.extra as SocketExtra).connectionId) };
      },
    },
    wss,
    12_000,
  );

  return {
    async close() {
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
