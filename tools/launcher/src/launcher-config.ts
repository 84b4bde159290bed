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
import { EdgepressError, ErrorCode } from '@edgepress/errors';

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

function bad(variable: string, expected: string, received: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected ${expected} for ${variable} but received ${JSON.stringify(received.slice(0, 100))}`, {
    details: { argument: variable },
  });
}

function integer(env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw bad(variable, `an integer between ${min} and ${max}`, raw);
  return value;
}

const ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;

export function readLauncherConfig(env: NodeJS.ProcessEnv, repoRoot: string): LauncherConfig {
  const home = path.resolve(repoRoot, env.EDGEPRESS_HOME || '.edgepress');
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw bad('DATABASE_URL', 'a postgres:// URL', '(hidden)');
  const blobs = env.EDGEPRESS_BLOBS || path.join(home, 'blobs');
  let kernels: string[] | null = null;
  if (env.EDGEPRESS_KERNELS) {
    kernels = env.EDGEPRESS_KERNELS.split(',').map((address) => address.trim());
    const wrong = kernels.find((address) => !ADDRESS.test(address));
    if (wrong !== undefined) throw bad('EDGEPRESS_KERNELS', 'host:port addresses separated by commas', wrong);
  }
  const consoleSetting = env.EDGEPRESS_CONSOLE ?? 'on';
  if (!['on', 'off'].includes(consoleSetting)) throw bad('EDGEPRESS_CONSOLE', 'on or off', consoleSetting);
  return {
    repoRoot,
    home,
    externalDatabaseUrl: databaseUrl,
    blobs: blobs === 'postgres' ? 'postgres' : path.resolve(repoRoot, blobs),
    kernels,
    workers: integer(env, 'EDGEPRESS_WORKERS', 1, 1, 64),
    gatewayHost: env.GATEWAY_HOST || '127.0.0.1',
    gatewayPort: integer(env, 'GATEWAY_PORT', 4000, 0, 65535),
    console: consoleSetting === 'off' ? null : { port: integer(env, 'CONSOLE_PORT', 3000, 1, 65535) },
  };
}
