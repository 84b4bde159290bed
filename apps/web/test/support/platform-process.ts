/**
 * The platform the console's acceptance tests run against, as one process of its own (started by
 * shared-platform.ts, stopped by global-teardown.cjs or when the test runner that started it is
 * gone): a fresh PostgreSQL database, the built-in plugins prune-channels and quantize-int8 bundled
 * and published as the launcher does it, the gateway (createGateway), a kernel server and a worker
 * as processes, and the console itself (`next start` through the package's start script).
 * Prints one line `PLATFORM {json}` when everything answers.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import { LocalFolderBlobStore, openDatabase } from '@edgepress/db';
import { createTestDatabase } from '@edgepress/db/testing';
import { createGateway, seedPlatform } from '@edgepress/gateway';
import { buildPluginBundle, serializePluginBundle } from '@edgepress/plugin-host';
import { startProcess, type StartedProcess } from './child-process';

const REPO = path.resolve(__dirname, '../../../..');
const WEB = path.resolve(__dirname, '../..');
export const TEST_PLUGINS = ['prune-channels', 'quantize-int8'];

export interface PlatformInfo {
  gatewayUrl: string;
  consoleUrl: string;
  databaseUrl: string;
  logDir: string;
  pid: number;
  /** Built-in plugins published, name@version. */
  plugins: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/healthz`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url}/healthz did not answer within ${timeoutMs} ms`);
}

async function main(): Promise<void> {
  const logDir = await mkdtemp(path.join(tmpdir(), 'edgepress-web-test-'));
  const blobRoot = path.join(logDir, 'blobs');
  await mkdir(blobRoot);
  const database = await createTestDatabase();
  const db = openDatabase(database.url, { max: 10 });
  const blobs = new LocalFolderBlobStore({ root: blobRoot });
  const children: StartedProcess[] = [];
  let gateway: Awaited<ReturnType<typeof createGateway>> | null = null;

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of [...children].reverse()) await child.stop().catch(() => undefined);
    await gateway?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    if (code === 0 && process.env.EDGEPRESS_WEB_TEST_KEEP_LOGS !== '1') await rm(logDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  // The test runner that started this process may die without stopping it.
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      void stop(0);
    }
  }, 1000).unref();

  try {
    const plugins: string[] = [];
    for (const name of TEST_PLUGINS) {
      const bundle = await buildPluginBundle(path.join(REPO, 'plugins', name, 'src', 'index.ts'));
      const blob = await blobs.put(Readable.from([Buffer.from(serializePluginBundle(bundle))]));
      await seedPlatform(db, { builtInPlugins: [{ manifest: bundle.manifest, bundleSha256: blob.sha256 }], blobs, demoTeam: false });
      plugins.push(`${name}@${bundle.manifest.version}`);
    }
    gateway = await createGateway({
      databaseUrl: database.url,
      db,
      blobs,
      port: 0,
      signingSecret: 'web-console-test-signing-secret',
      logger: pino({ level: 'warn' }, pino.destination(path.join(logDir, 'gateway.log'))),
    });
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.TSX_TSCONFIG_PATH;
    const kernel = await startProcess({
      name: 'kernel-server',
      command: process.execPath,
      args: ['--import', 'tsx', 'src/main.ts', '--port', '0'],
      cwd: path.join(REPO, 'apps', 'kernel-server'),
      env,
      ready: /kernel-server listening on (\S+)/,
      logFile: path.join(logDir, 'kernel-server.log'),
      timeoutMs: 60_000,
    });
    children.push(kernel);
    const kernelAddress = /listening on (\S+)/.exec(kernel.readyLine)?.[1] ?? '';
    children.push(
      await startProcess({
        name: 'worker',
        command: process.execPath,
        args: ['--import', 'tsx', '--no-node-snapshot', 'src/main.ts'],
        cwd: path.join(REPO, 'apps', 'worker'),
        env: { ...env, DATABASE_URL: database.url, EDGEPRESS_BLOBS: blobRoot, EDGEPRESS_KERNELS: kernelAddress, WORKER_LOG_LEVEL: 'info' },
        ready: /^worker ready/,
        logFile: path.join(logDir, 'worker.log'),
        timeoutMs: 60_000,
      }),
    );
    const port = await freePort();
    const consoleUrl = `http://127.0.0.1:${port}`;
    children.push(
      await startProcess({
        name: 'console',
        command: process.execPath,
        args: [path.join(WEB, 'scripts', 'start.mjs')],
        cwd: WEB,
        env: { ...env, PORT: String(port), EDGEPRESS_GATEWAY_URL: gateway.url },
        ready: /Ready in|started server on|Local:/i,
        logFile: path.join(logDir, 'console.log'),
        timeoutMs: 60_000,
      }),
    );
    await waitForHealth(consoleUrl, 30_000);
    const info: PlatformInfo = { gatewayUrl: gateway.url, consoleUrl, databaseUrl: database.url, logDir, pid: process.pid, plugins };
    process.stdout.write(`PLATFORM ${JSON.stringify(info)}\n`);
  } catch (error) {
    process.stderr.write(`platform: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stop(1);
  }
}

void main();
