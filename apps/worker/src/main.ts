/**
 * apps/worker as a process: `npm start -w @edgepress/worker` (settings: config.ts). Consumes the
 * run queue, prints "worker ready (...)" once it takes jobs, logs JSON lines (pino) carrying each
 * run's id, and on SIGTERM/SIGINT stops taking jobs and gives running ones back to the queue (they
 * resume after their last stored stage on the next delivery), then exits 0. A second signal exits
 * at once.
 */
import { pino } from 'pino';
import { toEdgepressError } from '@edgepress/errors';
import { LocalFolderBlobStore, migrate, openDatabase, PostgresBlobStore, RunQueue } from '@edgepress/db';
import { connectKernels } from '@edgepress/pipeline';
import { readWorkerConfig } from './config';
import { failDeadLetteredRun } from './dead-letters';
import { BundleCache } from './plugin-registry';
import { RunExecutor } from './run-executor';

async function main(): Promise<void> {
  const config = readWorkerConfig(process.env);
  const logger = pino({ level: config.logLevel, base: { service: 'worker', worker: config.name, pid: process.pid } });
  await migrate(config.databaseUrl);
  const db = openDatabase(config.databaseUrl, { applicationName: 'edgepress-worker', max: 4 + 2 * config.concurrency });
  const blobs = config.blobs.kind === 'postgres' ? new PostgresBlobStore({ pool: db.pool }) : new LocalFolderBlobStore({ root: config.blobs.root });
  const queue = await RunQueue.start({ databaseUrl: config.databaseUrl, onError: (error) => logger.warn({ err: error }, 'queue error') });
  const executor = new RunExecutor({
    db,
    blobs,
    kernelAddresses: config.kernelAddresses,
    connectKernels: (addresses) => connectKernels({ addresses, deadlineMs: config.kernelDeadlineMs }),
    bundles: new BundleCache(blobs),
    logger,
    stageAttempts: config.stageAttempts,
    stageRetryDelayMs: config.stageRetryDelayMs,
    randomCalibrationSamples: config.randomCalibrationSamples,
  });
  await queue.work(executor.execute, { concurrency: config.concurrency });
  await queue.workDeadLetters((job) => failDeadLetteredRun(db, job, logger));
  process.stdout.write(`worker ready (${config.name}, concurrency ${config.concurrency}, kernels ${config.kernelAddresses.join(',')})\n`);
  logger.info({ concurrency: config.concurrency, kernels: config.kernelAddresses, blobs: config.blobs.kind }, 'worker ready');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping: running runs go back to the queue');
    queue
      .stop({ graceful: true, timeoutMs: 15_000 })
      .then(async () => {
        await db.close();
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  const e = toEdgepressError(error);
  process.stderr.write(`worker: ${e.code === 'INTERNAL' && error instanceof Error ? error.message : e.message}\n`);
  process.exit(e.exitCode);
});
