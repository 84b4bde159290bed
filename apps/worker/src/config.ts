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
import { addressListSetting, integerSetting, invalidSetting } from '@edgepress/env-settings';
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

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export function readWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a postgres:// URL in DATABASE_URL', { details: { argument: 'DATABASE_URL' } });
  }
  const kernels = addressListSetting(env, 'EDGEPRESS_KERNELS');
  if (kernels === undefined) throw invalidSetting('EDGEPRESS_KERNELS', 'kernel server addresses host:port,... (start apps/kernel-server)', env.EDGEPRESS_KERNELS ?? '');
  const blobs = env.EDGEPRESS_BLOBS || '.edgepress/blobs';
  const logLevel = env.WORKER_LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw invalidSetting('WORKER_LOG_LEVEL', LOG_LEVELS.join(', '), logLevel);
  return {
    databaseUrl,
    blobs: blobs === 'postgres' ? { kind: 'postgres' } : { kind: 'folder', root: blobs },
    kernelAddresses: [...new Set(kernels)],
    concurrency: integerSetting(env, 'WORKER_CONCURRENCY', 1, 16) ?? 1,
    name: env.WORKER_NAME || `${hostname()}:${process.pid}`,
    kernelDeadlineMs: integerSetting(env, 'WORKER_KERNEL_DEADLINE_MS', 1000, 24 * 3600_000) ?? 600_000,
    stageAttempts: integerSetting(env, 'WORKER_STAGE_ATTEMPTS', 1, 10) ?? 3,
    stageRetryDelayMs: integerSetting(env, 'WORKER_STAGE_RETRY_DELAY_MS', 0, 600_000) ?? 2000,
    randomCalibrationSamples: integerSetting(env, 'WORKER_RANDOM_CALIBRATION', 1, 10_000) ?? 16,
    logLevel: logLevel as WorkerConfig['logLevel'],
  };
}
