/**
 * createGateway: the GraphQL gateway as an HTTP server (Express 5 + Apollo Server 5) with
 * WebSocket subscriptions, blob routes, /healthz and /metrics.
 *
 *   POST|GET /graphql   GraphQL (Apollo; CSRF prevention on, batching off, body capped)
 *   WS       /graphql   graphql-ws subscriptions (websocket-server.ts)
 *   PUT/GET  /v1/blobs  streamed model/dataset/artifact bytes (http/blob-routes.ts)
 *   GET /v1/artifacts/:id, /healthz, /metrics
 *
 * Every GraphQL request is authenticated (a team API token) and rate limited before it executes,
 * validated with depth and alias limits, costed with its variables, and every error leaves through
 * errors/format-error.ts. Tests: test/*.test.ts start it on an ephemeral port against PostgreSQL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { pino } from 'pino';
import { EdgepressError, ErrorCode, isEdgepressError } from '@edgepress/errors';
import { openDatabase, RunQueue } from '@edgepress/db';
import { RequestAuthenticator } from './auth/request-authenticator';
import { LinkSigner } from './auth/signed-links';
import { DEFAULT_LIMITS, type GatewayConfig, type GatewayLimits } from './config';
import { createContext, type GatewayContext, type GatewayServices } from './context';
import { formatPublicError } from './errors/format-error';
import { requestFailure } from './errors/graphql-errors';
import { errorLoggingPlugin } from './errors/logging-plugin';
import { blobRoutes, clientAddress } from './http/blob-routes';
import { operationalRoutes } from './http/operational-routes';
import { locals, requestIdMiddleware } from './http/request-id';
import { sendError } from './http/send-error';
import { aliasLimitRule } from './limits/alias';
import { costLimitPlugin } from './limits/cost-plugin';
import { depthLimitRule } from './limits/depth';
import { TokenBucketLimiter } from './limits/rate-limit';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { buildGatewaySchema } from './schema/build-schema';
import { ParamsValidator } from './services/params-validator';
import { RunEventHub } from './subscriptions/run-event-hub';
import { startWebSocketServer } from './subscriptions/websocket-server';

export interface Gateway {
  /** http://host:port (GraphQL at /graphql, WebSocket at ws://host:port/graphql). */
  url: string;
  port: number;
  close(): Promise<void>;
}

function resolveLimits(overrides: Partial<GatewayLimits> = {}): GatewayLimits {
  const limits: GatewayLimits = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!(name in DEFAULT_LIMITS)) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Unknown gateway limit ${name}; expected ${Object.keys(DEFAULT_LIMITS).join(', ')}`);
    if (!Number.isSafeInteger(value) || value < 1) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a positive integer for limits.${name} but received ${value}`);
    limits[name as keyof GatewayLimits] = value;
  }
  return limits;
}

/** Only the route's pattern goes into metric labels (never ids), so label sets stay bounded. */
function routeLabel(req: Request): string {
  if (req.path === '/graphql') return '/graphql';
  if (req.path.startsWith('/v1/blobs')) return req.path === '/v1/blobs' ? '/v1/blobs' : '/v1/blobs/:sha256';
  if (req.path.startsWith('/v1/artifacts/')) return '/v1/artifacts/:id';
  return ['/healthz', '/metrics'].includes(req.path) ? req.path : 'other';
}

export async function createGateway(config: GatewayConfig): Promise<Gateway> {
  const log = config.logger ?? pino({ base: { service: 'gateway' } });
  const limits = resolveLimits(config.limits);
  const ownsDb = config.db === undefined;
  const db = config.db ?? openDatabase(config.databaseUrl, { applicationName: 'edgepress-gateway', onIdleError: (error) => log.warn({ err: error }, 'idle database connection lost') });
  const ownsQueue = config.queue === undefined;
  let queue: RunQueue | undefined;
  let events: RunEventHub | undefined;
  let httpServer: Server | undefined;
  let apollo: ApolloServer<GatewayContext> | undefined;
  let ws: { close(): Promise<void> } | undefined;

  const close = async () => {
    await ws?.close().catch((error: unknown) => log.warn({ err: error }, 'closing WebSockets failed'));
    await apollo?.stop().catch((error: unknown) => log.warn({ err: error }, 'stopping Apollo failed'));
    if (httpServer?.listening) {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer?.close(() => resolve()));
    }
    await events?.close();
    if (ownsQueue) await queue?.stop({ graceful: false }).catch((error: unknown) => log.warn({ err: error }, 'stopping the queue failed'));
    if (ownsDb) await db.close();
  };

  try {
    queue = config.queue ?? (await RunQueue.start({ databaseUrl: config.databaseUrl, onError: (error) => log.warn({ err: error }, 'run queue') }));
    const runQueue = queue;
    const schema = await buildGatewaySchema();
    const metrics = new GatewayMetrics({ db, queueDepth: () => runQueue.depth(), subscriberCount: () => events?.subscriberCount ?? 0, log });
    events = new RunEventHub(config.databaseUrl, {
      onEvent: (event) => metrics.observeRunEvent(event),
      onError: (error) => log.warn({ err: error }, 'run events'),
      onReconnect: () => log.warn('run events: reconnected (events in between were missed)'),
    });
    const hub = events;
    const services: GatewayServices = {
      db,
      blobs: config.blobs,
      queue: runQueue,
      signer: new LinkSigner(config.signingSecret),
      params: new ParamsValidator(),
      events: hub,
      maxModelBytes: limits.maxModelBytes,
    };
    const rateLimit = config.rateLimit === false ? null : config.rateLimit ?? {};
    const authenticator = new RequestAuthenticator(
      db,
      rateLimit === null
        ? null
        : {
            perToken: new TokenBucketLimiter(rateLimit.perToken),
            failuresPerAddress: new TokenBucketLimiter({ capacity: 20, refillPerSecond: 1, ...rateLimit.failuresPerAddress }),
          },
    );
    const validationRules = [depthLimitRule(limits.maxDepth), aliasLimitRule(limits.maxAliases)];

    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    httpServer = createServer(app);
    apollo = new ApolloServer<GatewayContext>({
      schema,
      introspection: config.introspection ?? process.env.NODE_ENV !== 'production',
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: false,
      validationRules,
      formatError: formatPublicError,
      logger: log.child({ component: 'apollo' }),
      // No HTTP caching of team data; disabling cache control also spares every field Apollo's
      // per-resolver instrumentation (about a tenth of the CPU of a runs query).
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginCacheControlDisabled(),
        costLimitPlugin(limits.maxCost),
        errorLoggingPlugin(),
      ],
    });
    await apollo.start();
    await hub.ready;

    app.use(requestIdMiddleware(log));
    const httpDuration = metrics.httpDuration;
    app.use((req: Request, res: Response, next: NextFunction) => {
      const stop = httpDuration.startTimer();
      res.on('finish', () => stop({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }));
      next();
    });
    app.use(operationalRoutes({ pool: db.pool, metrics, metricsToken: config.metricsToken }));
    app.use(blobRoutes({ db, blobs: config.blobs, authenticator, signer: services.signer, maxUploadBytes: limits.maxUploadBytes }));
    app.use(
      '/graphql',
      express.json({ limit: limits.maxBodyBytes }),
      // Non-JSON bodies reach Apollo as text, so that its CSRF check (not a missing body) answers them.
      express.text({ type: () => true, limit: limits.maxBodyBytes }),
      (req: Request, _res: Response, next: NextFunction) => {
        req.body ??= {};
        next();
      },
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const { requestId, log: requestLog } = locals(res);
          try {
            const viewer = await authenticator.authenticate(req.headers.authorization, clientAddress(req));
            return createContext(viewer, services, requestId, requestLog.child({ teamId: viewer.teamId, tokenId: viewer.tokenId }));
          } catch (error) {
            if (!isEdgepressError(error)) throw error;
            const retryAfter = error.details?.retryAfterSeconds;
            throw requestFailure(error, typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {});
          }
        },
      }),
    );
    app.use((_req: Request, res: Response) => sendError(res, new EdgepressError(ErrorCode.NOT_FOUND, 'No such route')));
    // Body parser failures (too large, malformed JSON) and anything else thrown by middleware.
    app.use((error: { type?: string; status?: number }, req: Request, res: Response, _next: NextFunction) => {
      const shape = req.path === '/graphql' ? 'graphql' : 'rest';
      if (error?.type === 'entity.too.large') {
        sendError(res, new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `The request body is larger than ${limits.maxBodyBytes} bytes`, { details: { limit: limits.maxBodyBytes } }), shape);
      } else if (error?.type === 'entity.parse.failed' || error?.status === 400) {
        sendError(res, new EdgepressError(ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON'), shape);
      } else {
        sendError(res, error, shape);
      }
    });

    ws = startWebSocketServer({ httpServer, schema, services, authenticator, validationRules, maxCost: limits.maxCost, maxPayloadBytes: limits.maxBodyBytes, log });
    const server = httpServer;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port ?? 4000, config.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    log.info({ port: address.port }, 'gateway listening');
    return { url: `http://${host}:${address.port}`, port: address.port, close };
  } catch (error) {
    await close();
    throw error;
  }
}
