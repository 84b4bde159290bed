import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@edgepress/db/testing';

/** `npm start -w @edgepress/gateway` as a real process: migrates, listens, serves, stops on SIGTERM. */
describe('gateway process', () => {
  let database: TestDatabase;
  let blobs: string;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    blobs = await mkdtemp(path.join(tmpdir(), 'edgepress-gateway-main-'));
  });
  afterAll(async () => {
    await database?.drop();
    await rm(blobs, { recursive: true, force: true });
  });

  it('starts on an empty database, answers /healthz and GraphQL, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, DATABASE_URL: database.url, GATEWAY_PORT: '0', EDGEPRESS_BLOBS: blobs, GATEWAY_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /gateway listening on (\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const anonymous = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ viewer { role } }"}' });
    expect(anonymous.status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('refuses a bad setting with exit code 2 and names the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, DATABASE_URL: database.url, GATEWAY_PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
    expect(stderr).toMatch(/GATEWAY_PORT/);
  }, 60_000);
});
