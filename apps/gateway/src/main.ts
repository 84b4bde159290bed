/**
 * apps/gateway as a process: `npm start -w @edgepress/gateway` (settings: env-config.ts).
 * Migrates the database (idempotent), listens, prints "gateway listening on URL", logs JSON lines
 * (pino), and on SIGTERM/SIGINT stops accepting, drains and exits 0 (a second signal exits at once).
 * Seeding (built-in plugins, demo team and token) is seedPlatform's job, called by `npm start`.
 */
import { pino } from 'pino';
import { toEdgepressError } from '@edgepress/errors';
import { LocalFolderBlobStore, migrate, openDatabase, PostgresBlobStore } from '@edgepress/db';
import { readGatewayEnvironment } from './env-config';
import { createGateway } from './server';

async function main(): Promise<void> {
  const env = readGatewayEnvironment(process.env);
  const logger = pino({ level: env.logLevel, base: { service: 'gateway', pid: process.pid } });
  await migrate(env.databaseUrl);
  const db = openDatabase(env.databaseUrl, { applicationName: 'edgepress-gateway', max: 20 });
  const blobs =
    env.blobs.kind === 'postgres'
      ? new PostgresBlobStore({ pool: db.pool })
      : new LocalFolderBlobStore({ root: env.blobs.root });
  const gateway = await createGateway({
    databaseUrl: env.databaseUrl,
    db,
    blobs,
    host: env.host,
    port: env.port,
    introspection: env.introspection,
    signingSecret: env.signingSecret,
    metricsToken: env.metricsToken,
    limits: env.limits,
    rateLimit: env.rateLimitPerSecond === null ? false : { perToken: { refillPerSecond: env.rateLimitPerSecond, capacity: env.rateLimitPerSecond * 4 } },
    logger,
  });
  process.stdout.write(`gateway listening on ${gateway.url}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    gateway
      .close()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  const e = toEdgepressError(error);
  process.stderr.write(`gateway: ${e.code === 'INTERNAL' && error instanceof Error ? error.message : e.message}\n`);
  process.exit(e.exitCode);
});
