/**
 * One platform for all acceptance test files of a run: the first file that asks starts it (after
 * building the console if its build is stale) and records it in the state file that
 * global-setup.cjs named; later files reuse it; global-teardown.cjs stops it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { PlatformInfo } from './platform-process';

const WEB = path.resolve(__dirname, '../..');
const REPO = path.resolve(WEB, '../..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function stateFile(): string {
  const file = process.env.EDGEPRESS_WEB_TEST_STATE;
  if (!file) throw new Error('EDGEPRESS_WEB_TEST_STATE is not set: run the tests through jest (global-setup.cjs sets it)');
  return file;
}

export async function getPlatform(): Promise<PlatformInfo> {
  const file = stateFile();
  if (existsSync(file)) {
    const info = JSON.parse(readFileSync(file, 'utf8')) as PlatformInfo;
    if (alive(info.pid)) return info;
  }
  const started = Date.now();
  const build = spawnSync(process.execPath, [path.join(WEB, 'scripts', 'build-state.mjs'), 'build-if-stale'], { cwd: WEB, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`The console did not build:\n${build.stdout}\n${build.stderr}`);
  writeFileSync(`${file}.build`, JSON.stringify({ ms: Date.now() - started, output: build.stdout.split('\n').filter((line) => line.startsWith('web:')) }));
  const errors = openSync(`${file}.stderr`, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', '--no-node-snapshot', path.join(__dirname, 'platform-process.ts')], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', errors],
    detached: true,
    // tsx applies a tsconfig only to the files it includes: the gateway's (type-graphql decorators).
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(REPO, 'apps', 'gateway', 'tsconfig.json') },
  });
  const info = await new Promise<PlatformInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The test platform did not start within 150 s')), 150_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The test platform exited (${code}) before it was ready: ${readFileSync(`${file}.stderr`, 'utf8').slice(-2000)}`));
    });
    if (!child.stdout) throw new Error('The test platform has no stdout pipe');
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('PLATFORM ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('PLATFORM '.length)) as PlatformInfo);
    });
  });
  child.unref();
  child.stdout?.destroy();
  writeFileSync(file, JSON.stringify({ ...info, startMs: Date.now() - started }));
  return info;
}
