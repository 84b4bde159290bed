/**
 * The gateway process's settings from environment variables (src/main.ts). Every value is checked;
 * a bad one is BAD_USER_INPUT naming the variable (the process exits with code 2).
 *
 *   DATABASE_URL               PostgreSQL (required)
 *   EDGEPRESS_BLOBS            "postgres" (blobs in the database) or a folder (default .edgepress/blobs)
 *   GATEWAY_HOST, GATEWAY_PORT listen address (default 127.0.0.1:4000)
 *   GATEWAY_INTROSPECTION      "true"/"false" (default: on unless NODE_ENV=production)
 *   EDGEPRESS_GATEWAY_SECRET   signing key shared by all gateways (>= 16 characters)
 *   GATEWAY_METRICS_TOKEN      bearer token required by /metrics
 *   GATEWAY_MAX_UPLOAD_BYTES, GATEWAY_MAX_BODY_BYTES, GATEWAY_MAX_DEPTH, GATEWAY_MAX_ALIASES, GATEWAY_MAX_COST
 *   GATEWAY_RATE_LIMIT         requests per second per token (default 50; "off" disables)
 *   GATEWAY_LOG_LEVEL          debug, info, warn, error (default info)
 */
import { integerSetting, invalidSetting } from '@edgepress/env-settings';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { GatewayLimits } from './config';

export interface GatewayEnvironment {
  databaseUrl: string;
  blobs: { kind: 'postgres' } | { kind: 'folder'; root: string };
  host: string;
  port: number;
  introspection: boolean | undefined;
  signingSecret: string | undefined;
  metricsToken: string | undefined;
  limits: Partial<GatewayLimits>;
  rateLimitPerSecond: number | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

const LIMIT_VARIABLES: Record<keyof GatewayLimits, string> = {
  maxUploadBytes: 'GATEWAY_MAX_UPLOAD_BYTES',
  maxBodyBytes: 'GATEWAY_MAX_BODY_BYTES',
  maxModelBytes: 'GATEWAY_MAX_MODEL_BYTES',
  maxDepth: 'GATEWAY_MAX_DEPTH',
  maxAliases: 'GATEWAY_MAX_ALIASES',
  maxCost: 'GATEWAY_MAX_COST',
};

export function readGatewayEnvironment(env: NodeJS.ProcessEnv): GatewayEnvironment {
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a postgres:// URL in DATABASE_URL', { details: { argument: 'DATABASE_URL' } });
  }
  const blobs = env.EDGEPRESS_BLOBS ?? '.edgepress/blobs';
  const introspection = env.GATEWAY_INTROSPECTION;
  if (introspection !== undefined && !['true', 'false'].includes(introspection)) throw invalidSetting('GATEWAY_INTROSPECTION', 'true or false', introspection);
  const secret = env.EDGEPRESS_GATEWAY_SECRET;
  if (secret !== undefined && secret.length < 16) throw invalidSetting('EDGEPRESS_GATEWAY_SECRET', 'at least 16 characters', '(hidden)');
  const logLevel = env.GATEWAY_LOG_LEVEL ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw invalidSetting('GATEWAY_LOG_LEVEL', 'debug, info, warn or error', logLevel);
  const rate = env.GATEWAY_RATE_LIMIT;
  const limits: Partial<GatewayLimits> = {};
  for (const [name, variable] of Object.entries(LIMIT_VARIABLES)) {
    const value = integerSetting(env, variable, 1, Number.MAX_SAFE_INTEGER);
    if (value !== undefined) limits[name as keyof GatewayLimits] = value;
  }
  return {
    databaseUrl,
    blobs: blobs === 'postgres' ? { kind: 'postgres' } : { kind: 'folder', root: blobs },
    host: env.GATEWAY_HOST || '127.0.0.1',
    port: integerSetting(env, 'GATEWAY_PORT', 0, 65535) ?? 4000,
    introspection: introspection === undefined ? undefined : introspection === 'true',
    signingSecret: secret,
    metricsToken: env.GATEWAY_METRICS_TOKEN || undefined,
    limits,
    rateLimitPerSecond: rate === 'off' ? null : (integerSetting(env, 'GATEWAY_RATE_LIMIT', 1, 1_000_000) ?? 50),
    logLevel: logLevel as GatewayEnvironment['logLevel'],
  };
}
