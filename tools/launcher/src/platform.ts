/**
 * The whole platform on one machine, in start order: PostgreSQL (embedded unless DATABASE_URL),
 * migrations, built-in plugins and the demo team, then the kernel server, the workers, the
 * gateway and the console as supervised processes. stop() goes in reverse: the processes that
 * take requests first, then the workers, the kernel server, and PostgreSQL last.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { LocalFolderBlobStore, migrate, openDatabase, PostgresBlobStore, startEmbeddedPostgres, type EmbeddedPostgres } from '@edgepress/db';
import { seedBuiltinPlugins, type SeededBuiltins } from './builtin-plugins';
import { startConsole } from './console-process';
import { ensureDemoAccess, type DemoAccess } from './demo-token';
import { forgetProcesses, HOME_MARKER, recordProcesses, stopLeftovers } from './leftovers';
import type { LauncherConfig } from './launcher-config';
import { SupervisedProcess, type ProcessEvents } from './supervised-process';

export interface Platform {
  readonly gatewayUrl: string;
  readonly consoleUrl: string | null;
  readonly kernelAddresses: readonly string[];
  readonly demo: DemoAccess;
  readonly plugins: SeededBuiltins;
  readonly embeddedPostgres: { port: number; folder: string } | null;
  readonly logDir: string;
  readonly processes: readonly SupervisedProcess[];
  stop(): Promise<void>;
}

const NODE_TS = ['--import', 'tsx'];

function portOf(address: string): string {
  return address.slice(address.lastIndexOf(':') + 1).replace(/\D.*$/, '');
}

/** The children's environment: ours, minus the launcher's own tsx setting (each app has its tsconfig). */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.TSX_TSCONFIG_PATH;
  return env;
}

/** A random secret kept in a 0600 file, so signed download links survive a restart. */
async function persistentSecret(file: string): Promise<string> {
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (existing.length >= 32) return existing;
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

export async function startPlatform(config: LauncherConfig, logger: Logger, outerEvents: ProcessEvents = {}, signal?: AbortSignal): Promise<Platform> {
  const checkpoint = () => {
    if (signal?.aborted) throw new EdgepressError(ErrorCode.CANCELLED, 'The start was interrupted');
  };
  // As root, PostgreSQL runs as the postgres user and must be able to pass through the home folder
  // (0711: enter, not list); the secrets inside are 0600 files and the data folder is its own 0700.
  await mkdir(config.home, { recursive: true });
  await chmod(config.home, 0o711);
  const logDir = path.join(config.home, 'logs');
  await mkdir(logDir, { recursive: true, mode: 0o700 });
  // Every child inherits the marker, so that a later start can recognise what a killed launcher left.
  process.env[HOME_MARKER] = config.home;
  await stopLeftovers(config.home, logger);
  const started: SupervisedProcess[] = [];
  let postgres: EmbeddedPostgres | null = null;
  const record = () =>
    recordProcesses(config.home, started.map((child) => ({ name: child.spec.name, pid: child.pid }))).catch((error: unknown) => logger.warn({ err: error }, 'could not record the process list'));
  const events: ProcessEvents = {
    ...outerEvents,
    onStarted: (name, pid) => {
      outerEvents.onStarted?.(name, pid);
      void record();
    },
  };

  const stop = async () => {
    for (const child of [...started].reverse()) {
      await child.stop().catch((error: unknown) => logger.error({ err: error, process: child.spec.name }, 'stop failed'));
      logger.info({ process: child.spec.name }, 'stopped');
    }
    await forgetProcesses(config.home);
    if (postgres) {
      await postgres.stop();
      logger.info({ folder: postgres.folder }, 'PostgreSQL stopped');
    }
  };

  try {
    if (config.externalDatabaseUrl === null) {
      postgres = await startEmbeddedPostgres({ folder: path.join(config.home, 'postgres'), log: (line) => logger.info({ component: 'postgres' }, line) });
    }
    checkpoint();
    const databaseUrl = postgres?.url ?? (config.externalDatabaseUrl as string);
    const migrated = await migrate(databaseUrl);
    logger.info({ migrated }, 'database migrated');

    const db = openDatabase(databaseUrl, { applicationName: 'edgepress-launcher', max: 4 });
    let plugins: SeededBuiltins;
    let demo: DemoAccess;
    try {
      const blobs = config.blobs === 'postgres' ? new PostgresBlobStore({ pool: db.pool }) : new LocalFolderBlobStore({ root: config.blobs });
      plugins = await seedBuiltinPlugins(db, blobs, path.join(config.home, 'plugin-bundles'), logger);
      demo = await ensureDemoAccess(db, config.home);
    } finally {
      await db.close();
    }

    checkpoint();
    const shared = { DATABASE_URL: databaseUrl, EDGEPRESS_BLOBS: config.blobs };
    const app = (name: string) => path.join(config.repoRoot, 'apps', name);
    const supervise = (child: SupervisedProcess) => {
      started.push(child);
      return child;
    };

    let kernelAddresses = config.kernels ?? [];
    if (config.kernels === null) {
      const kernelServer = supervise(
        new SupervisedProcess(
          {
            name: 'kernel-server',
            command: process.execPath,
            args: [...NODE_TS, 'src/main.ts', '--host', '127.0.0.1', '--port', '0'],
            cwd: app('kernel-server'),
            env: childEnv({}),
            readyLine: /^kernel-server listening on (\S+)$/,
            readyTimeoutMs: 60_000,
            logFile: path.join(logDir, 'kernel-server.log'),
          },
          logger,
          events,
          // Restart on the same port, so that the workers' address list stays right.
          (address) => ({ args: [...NODE_TS, 'src/main.ts', '--host', '127.0.0.1', '--port', portOf(address)] }),
        ),
      );
      kernelAddresses = [await kernelServer.start()];
    }
    checkpoint();

    for (let index = 0; index < config.workers; index++) {
      const name = config.workers === 1 ? 'worker' : `worker-${index + 1}`;
      const worker = supervise(
        new SupervisedProcess(
          {
            name,
            command: process.execPath,
            args: [...NODE_TS, 'src/main.ts'],
            cwd: app('worker'),
            env: childEnv({ ...shared, EDGEPRESS_KERNELS: kernelAddresses.join(','), WORKER_NAME: name }),
            readyLine: /^worker ready(.*)$/,
            readyTimeoutMs: 60_000,
            logFile: path.join(logDir, `${name}.log`),
            // A worker stopping mid-run gives its job back; give it time to say so.
            stopTimeoutMs: 30_000,
          },
          logger,
          events,
        ),
      );
      await worker.start();
    }
    checkpoint();

    const gatewaySecret = await persistentSecret(path.join(config.home, 'gateway-secret'));
    const gatewayEnv = (port: number) =>
      childEnv({ ...shared, GATEWAY_HOST: config.gatewayHost, GATEWAY_PORT: String(port), EDGEPRESS_GATEWAY_SECRET: gatewaySecret });
    const gateway = supervise(
      new SupervisedProcess(
        {
          name: 'gateway',
          command: process.execPath,
          args: [...NODE_TS, 'src/main.ts'],
          cwd: app('gateway'),
          env: gatewayEnv(config.gatewayPort),
          readyLine: /^gateway listening on (\S+)$/,
          readyTimeoutMs: 120_000,
          logFile: path.join(logDir, 'gateway.log'),
        },
        logger,
        events,
        (url) => ({ env: gatewayEnv(Number(portOf(url))) }),
      ),
    );
    const gatewayUrl = await gateway.start();
    checkpoint();

    let consoleUrl: string | null = null;
    if (config.console) {
      const consoleProcess = supervise(await startConsole(config, gatewayUrl, logDir, logger, events));
      consoleUrl = consoleProcess.readyValue;
      await record();
    }
    checkpoint();

    return {
      gatewayUrl,
      consoleUrl,
      kernelAddresses,
      demo,
      plugins,
      embeddedPostgres: postgres ? { port: postgres.port, folder: postgres.folder } : null,
      logDir,
      processes: started,
      stop,
    };
  } catch (error) {
    await stop().catch((stopError: unknown) => logger.error({ err: stopError }, 'cleanup after a failed start failed'));
    throw error;
  }
}
