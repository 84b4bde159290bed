import { spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { expectCode } from '../testing/fixtures';

const CHILD = path.join(__dirname, '..', '..', 'test', 'fixtures', 'embedded-postgres-child.ts');
const isRoot = process.getuid?.() === 0;

async function queryRows(url: string, sql: string): Promise<unknown[]> {
  const client = new Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A running process (a zombie left for a non-reaping init does not count). */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** Runs the child fixture; resolves with its first stdout line (and the process). */
function startChild(mode: 'hang' | 'cycle', folder: string, ids: { uid?: number; gid?: number } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, folder], {
    cwd: path.join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...ids,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<Record<string, unknown>>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(JSON.parse(stdout.split('\n')[0]));
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code}: ${stderr}`)));
  });
  return { child, firstLine };
}

describe('startEmbeddedPostgres', () => {
  let base: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'edgepress-embedded-'));
    // As root the server runs as the postgres user, which must be able to enter this folder.
    await chmod(base, 0o755);
  });
  afterAll(async () => rm(base, { recursive: true, force: true }));

  it('starts, keeps its data across a stop and a start, and refuses a second start while running', async () => {
    const folder = path.join(base, 'cycle');
    const first = await startEmbeddedPostgres({ folder });
    expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/edgepress$/);
    await queryRows(first.url, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')");
    await expectCode(startEmbeddedPostgres({ folder }), 'CONFLICT');
    await first.stop();
    await expect(queryRows(first.url, 'SELECT 1')).rejects.toThrow();

    const second = await startEmbeddedPostgres({ folder });
    try {
      expect(await queryRows(second.url, 'SELECT text FROM notes')).toEqual([{ text: 'kept' }]);
      // Password authentication is on: a wrong password is refused.
      await expect(queryRows(second.url.replace(/:[^:@]+@/, ':wrong@'), 'SELECT 1')).rejects.toThrow(/password/);
    } finally {
      await second.stop();
    }
    expect((await stat(path.join(folder, 'password'))).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('stops the orphan left by a SIGKILLed parent and starts again on the same data', async () => {
    const folder = path.join(base, 'orphan');
    const { child, firstLine } = startChild('hang', folder);
    await firstLine;
    const orphanPid = Number((await readFile(path.join(folder, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await isAlive(orphanPid)).toBe(true);

    const logs: string[] = [];
    const restarted = await startEmbeddedPostgres({ folder, log: (line) => logs.push(line) });
    try {
      expect(await isAlive(orphanPid)).toBe(false);
      expect(logs.join('\n')).toContain(`orphaned PostgreSQL (pid ${orphanPid})`);
      expect(await queryRows(restarted.url, 'SELECT text FROM notes')).toEqual([{ text: 'kept' }]);
    } finally {
      await restarted.stop();
    }
  }, 60_000);

  (isRoot ? it : it.skip)('also works for an ordinary user (run here as nobody)', async () => {
    const parent = path.join(base, 'nobody');
    await mkdir(parent, { mode: 0o700 });
    const nobody = { uid: 65534, gid: 65534 };
    await chown(parent, nobody.uid, nobody.gid);
    const folder = path.join(parent, 'pg');
    const { firstLine } = startChild('cycle', folder, nobody);
    expect(await firstLine).toEqual({ rows: [{ text: 'kept' }], uid: nobody.uid });
    expect((await stat(path.join(folder, 'data', 'PG_VERSION'))).uid).toBe(nobody.uid);
  }, 60_000);

  (isRoot ? it : it.skip)('names the folder the postgres user cannot enter', async () => {
    const closed = path.join(base, 'closed');
    await mkdir(closed, { mode: 0o700 });
    const error = await startEmbeddedPostgres({ folder: path.join(closed, 'pg') }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((error as Error).message).toContain(`cannot enter ${closed}`);
  });
});
