/**
 * `npm start`: the whole platform on this machine (see platform.ts and the root README's
 * "Running the platform"). Prints the URLs and the demo token once everything answers; Ctrl-C or
 * SIGTERM stops the processes, then PostgreSQL, and exits 0. The next start reuses the data.
 */
import path from 'node:path';
import { pino } from 'pino';
import { toEdgepressError } from '@edgepress/errors';
import { banner } from './banner';
import { readLauncherConfig } from './launcher-config';
import { startPlatform, type Platform } from './platform';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const config = readLauncherConfig(process.env, REPO_ROOT);
  const logger = pino({ base: { service: 'launcher', pid: process.pid } });
  const startAborted = new AbortController();
  let platform: Platform | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (running: Platform) => {
    stopping ??= running.stop().then(
      () => {
        logger.info('everything stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, stopping || startAborted.signal.aborted ? 'already stopping' : 'stopping');
    // While starting, the start stops at its next step and cleans up what it started.
    if (platform === undefined) startAborted.abort();
    else stop(platform);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    platform = await startPlatform(config, logger, {
      onUnexpectedExit: (name, exit) =>
        process.stderr.write(`\n${name} exited unexpectedly (${exit.signal ?? `code ${exit.code}`}); ${exit.restarting ? 'restarting it' : 'it keeps failing and stays down: see its log'}\n`),
    }, startAborted.signal);
  } catch (error) {
    if (startAborted.signal.aborted) {
      logger.info('stopped before the start finished');
      process.exit(0);
    }
    throw error;
  }
  process.stdout.write(`${banner(platform, REPO_ROOT)}\n`);
}

main().catch((error: unknown) => {
  const e = toEdgepressError(error);
  process.stderr.write(`npm start: ${e.code === 'INTERNAL' && error instanceof Error ? error.message : e.message}\n`);
  process.exit(e.exitCode);
});
