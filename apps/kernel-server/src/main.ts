/**
 * apps/kernel-server: edgepress.kernels.v1.Kernels as its own process.
 *   node --import tsx apps/kernel-server/src/main.ts [--host H] [--port P] [--threads N] ...
 * Prints "kernel-server listening on HOST:PORT" once it accepts calls (port 0 picks a free one),
 * logs JSON lines (pino) on stdout, offers same-host shared memory unless --shared-memory off,
 * and drains on SIGTERM/SIGINT: health NOT_SERVING, stop accepting, finish in-flight calls within
 * the grace period, exit 0. A second signal exits at once.
 */
import { pino } from 'pino';
import { toEdgepressError } from '@edgepress/errors';
import { createKernelServer } from '@edgepress/kernels-rpc';
import { readConfig } from './config';

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  const logger = pino({ level: config.logLevel, base: { service: 'kernel-server', pid: process.pid } });
  const server = await createKernelServer({ ...config, logger });
  process.stdout.write(`kernel-server listening on ${server.address}\n`);
  logger.info({ address: server.address, threads: config.threads, maxTensorBytes: config.maxTensorBytes, sharedMemory: config.sharedMemory }, 'listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: stopping now');
      server.forceShutdown();
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'draining');
    server.drain().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'drain failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  const e = toEdgepressError(error);
  process.stderr.write(`kernel-server: ${e.code === 'INTERNAL' && error instanceof Error ? error.message : e.message}\n`);
  process.exit(e.exitCode);
});
