/**
 * The worker process's settings from environment variables. Every value is checked; a bad one is
 * BAD_USER_INPUT naming the variable (the process exits with code 2).
 *
 *   DATABASE_URL                 PostgreSQL shared with the gateway (required)
 *   EDGEPRESS_BLOBS              "postgres" (blobs in the database: workers on other machines) or the
 *                                folder the gateway uses (default .edgepress/blobs)
 *   EDGEPRESS_KERNELS            kernel servers, host:port,... (required; balanced, failed over)
 *   WORKER_CONCURRENCY           runs at once in this process (default 1)
 *   WORKER_NAME                  shown in logs (default host:pid)
 *   WORKER_KERNEL_DEADLINE_MS    deadline of one kernel call, retries included (default 600000)
 *   WORKER_STAGE_ATTEMPTS        attempts of a stage whose kernel servers were unreachable (default 3)
 *   WORKER_STAGE_RETRY_DELAY_MS  pause before such a retry (default 2000)
 *   WORKER_RANDOM_CALIBRATION    seeded random calibration samples for runs without a calibration
 *                                dataset (default 16)
 *   WORKER_LOG_LEVEL             debug, info, warn, error (default info)
 */
import { hostname } from 'node:os';
import { EdgepressError, ErrorCode } from '@edgepress/errors';

export interface WorkerConfig {
  databaseUrl: string;
  blobs: { kind: 'postgres' } | { kind: 'folder'; root: string };
  kernelAddresses: string[];
  concurrency: number;
  name: string;
  kernelDeadlineMs: number;
  stageAttempts: number;
  stageRetryDelayMs: number;
  randomCalibrationSamples: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

const ADDRESS = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):\d{1,5}$/;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

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

export function readWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a postgres:// URL in DATABASE_URL', { details: { argument: 'DATABASE_URL' } });
  }
  const kernels = (env.EDGEPRESS_KERNELS ?? '').split(',').map((address) => address.trim()).filter((address) => address.length > 0);
  if (kernels.length === 0) throw bad('EDGEPRESS_KERNELS', 'kernel server addresses host:port,... (start apps/kernel-server)', env.EDGEPRESS_KERNELS ?? '');
  const wrong = kernels.find((address) => !ADDRESS.test(address));
  if (wrong !== undefined) throw bad('EDGEPRESS_KERNELS', 'host:port addresses separated by commas', wrong);
  const blobs = env.EDGEPRESS_BLOBS || '.edgepress/blobs';
  const logLevel = env.WORKER_LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw bad('WORKER_LOG_LEVEL', LOG_LEVELS.join(', '), logLevel);
  return {
    databaseUrl,
    blobs: blobs === 'postgres' ? { kind: 'postgres' } : { kind: 'folder', root: blobs },
    kernelAddresses: [...new Set(kernels)],
    concurrency: integer(env, 'WORKER_CONCURRENCY', 1, 1, 16),
    name: env.WORKER_NAME || `${hostname()}:${process.pid}`,
    kernelDeadlineMs: integer(env, 'WORKER_KERNEL_DEADLINE_MS', 600_000, 1000, 24 * 3600_000),
    stageAttempts: integer(env, 'WORKER_STAGE_ATTEMPTS', 3, 1, 10),
    stageRetryDelayMs: integer(env, 'WORKER_STAGE_RETRY_DELAY_MS', 2000, 0, 600_000),
    randomCalibrationSamples: integer(env, 'WORKER_RANDOM_CALIBRATION', 16, 1, 10_000),
    logLevel: logLevel as WorkerConfig['logLevel'],
  };
}
