/**
 * `npm start`'s settings, from environment variables (every value checked; a bad one is
 * BAD_USER_INPUT naming the variable):
 *
 *   EDGEPRESS_HOME        data folder: PostgreSQL, blobs, logs, demo token (default <repo>/.edgepress)
 *   DATABASE_URL          an external PostgreSQL instead of the embedded one
 *   EDGEPRESS_BLOBS       "postgres" (blobs in the database, for workers on other machines) or a
 *                         folder (default <home>/blobs)
 *   EDGEPRESS_KERNELS     host:port,... of kernel servers already running (none is started then)
 *   EDGEPRESS_WORKERS     how many worker processes (default 1); WORKER_CONCURRENCY runs per worker
 *   GATEWAY_HOST, GATEWAY_PORT    where the gateway listens (default 127.0.0.1:4000; 0 = any free port)
 *   EDGEPRESS_CONSOLE     "off" to leave the web console out; CONSOLE_PORT (default 3000)
 */
import path from 'node:path';
import { addressListSetting, integerSetting, invalidSetting } from '@edgepress/env-settings';

export interface LauncherConfig {
  repoRoot: string;
  home: string;
  externalDatabaseUrl: string | null;
  blobs: string;
  kernels: string[] | null;
  workers: number;
  gatewayHost: string;
  gatewayPort: number;
  console: { port: number } | null;
}

export function readLauncherConfig(env: NodeJS.ProcessEnv, repoRoot: string): LauncherConfig {
  const home = path.resolve(repoRoot, env.EDGEPRESS_HOME || '.edgepress');
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw invalidSetting('DATABASE_URL', 'a postgres:// URL', '(hidden)');
  const blobs = env.EDGEPRESS_BLOBS || path.join(home, 'blobs');
  const kernels = addressListSetting(env, 'EDGEPRESS_KERNELS') ?? null;
  const consoleSetting = env.EDGEPRESS_CONSOLE ?? 'on';
  if (!['on', 'off'].includes(consoleSetting)) throw invalidSetting('EDGEPRESS_CONSOLE', 'on or off', consoleSetting);
  return {
    repoRoot,
    home,
    externalDatabaseUrl: databaseUrl,
    blobs: blobs === 'postgres' ? 'postgres' : path.resolve(repoRoot, blobs),
    kernels,
    workers: integerSetting(env, 'EDGEPRESS_WORKERS', 1, 64) ?? 1,
    gatewayHost: env.GATEWAY_HOST || '127.0.0.1',
    gatewayPort: integerSetting(env, 'GATEWAY_PORT', 0, 65535) ?? 4000,
    console: consoleSetting === 'off' ? null : { port: integerSetting(env, 'CONSOLE_PORT', 1, 65535) ?? 3000 },
  };
}
