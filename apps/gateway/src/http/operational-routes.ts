import { Router } from 'express';
import type { Pool } from 'pg';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { bearerToken } from '../auth/authenticate';
import { timingSafeEqual } from 'node:crypto';

export interface OperationalRouteOptions {
  pool: Pick<Pool, 'query'>;
  metrics: GatewayMetrics;
  /** When set, /metrics requires "Authorization: Bearer <metricsToken>". */
  metricsToken?: string;
}

function sameSecret(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /healthz (the database answers) and GET /metrics (Prometheus text format). */
export function operationalRoutes(options: OperationalRouteOptions): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await options.pool.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database' });
    }
  });
  router.get('/metrics', async (req, res) => {
    if (options.metricsToken !== undefined && !sameSecret(bearerToken(req.headers.authorization), options.metricsToken)) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Expected the metrics token as "Authorization: Bearer <token>"' } });
      return;
    }
    res.setHeader('Content-Type', options.metrics.registry.contentType);
    res.send(await options.metrics.registry.metrics());
  });
  return router;
}
