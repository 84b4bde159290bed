#!/usr/bin/env node
/**
 * Builds the console, and tells whether the existing build is up to date, so that `npm start`
 * and the tests build only when something changed.
 *
 *   node scripts/build-state.mjs check            exit 0 when .next matches the sources, 1 when stale
 *   node scripts/build-state.mjs build-if-stale   builds only when stale
 *   node scripts/build-state.mjs build            always builds
 *
 * "Up to date" means: a completed build whose recorded fingerprint equals the fingerprint of the
 * sources now: every file under src/ and public/, next.config.mjs, tsconfig.json, package.json,
 * and the installed versions of next, react and react-dom. The fingerprint is written only after
 * `next build` succeeds. Concurrent callers (a launcher and a test run) take a lock directory and
 * wait for each other instead of building twice.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(ROOT, '.next', 'edgepress-build.json');
const LOCK = path.join(ROOT, '.next-build.lock');
const INPUT_DIRS = ['src', 'public'];
const INPUT_FILES = ['next.config.mjs', 'tsconfig.json', 'package.json'];
const require = createRequire(import.meta.url);

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      return entry.isFile() && !entry.name.endsWith('.test.ts') ? [full] : [];
    })
    .sort();
}

export function fingerprint() {
  const hash = createHash('sha256');
  const files = [...INPUT_DIRS.flatMap((dir) => listFiles(path.join(ROOT, dir))), ...INPUT_FILES.map((file) => path.join(ROOT, file)).filter(existsSync)];
  for (const file of files) {
    hash.update(path.relative(ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  for (const name of ['next', 'react', 'react-dom']) {
    hash.update(`${name}@${require(`${name}/package.json`).version}\0`);
  }
  return hash.digest('hex');
}

export function buildState() {
  const current = fingerprint();
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID')) || !existsSync(STAMP)) return { upToDate: false, reason: 'no completed build', fingerprint: current };
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return { upToDate: false, reason: 'unreadable build record', fingerprint: current };
  }
  if (recorded.fingerprint !== current) return { upToDate: false, reason: 'sources changed since the last build', fingerprint: current };
  return { upToDate: true, reason: `built ${recorded.builtAt}`, fingerprint: current };
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withLock(fn) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8').trim() || 0);
      const age = Date.now() - statSync(LOCK).mtimeMs;
      if ((owner && !pidAlive(owner)) || (!owner && age > 10_000)) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function runNextBuild() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `exit ${code}`})`))));
  });
}

export async function build({ onlyIfStale }) {
  return withLock(async () => {
    const state = buildState();
    if (onlyIfStale && state.upToDate) {
      process.stdout.write(`web: build is up to date (${state.reason})\n`);
      return { built: false, ms: 0 };
    }
    if (onlyIfStale) process.stdout.write(`web: building (${state.reason})\n`);
    rmSync(STAMP, { force: true });
    const started = Date.now();
    await runNextBuild();
    const ms = Date.now() - started;
    writeFileSync(STAMP, JSON.stringify({ fingerprint: state.fingerprint, builtAt: new Date().toISOString(), durationMs: ms }, null, 2));
    process.stdout.write(`web: built in ${(ms / 1000).toFixed(1)} s\n`);
    return { built: true, ms };
  });
}

const command = process.argv[2];
if (command === 'check') {
  const state = buildState();
  process.stdout.write(`web: ${state.upToDate ? 'up to date' : 'stale'} (${state.reason})\n`);
  process.exit(state.upToDate ? 0 : 1);
} else if (command === 'build' || command === 'build-if-stale') {
  build({ onlyIfStale: command === 'build-if-stale' }).catch((error) => {
    process.stderr.write(`web: ${error.message}\n`);
    process.exit(1);
  });
} else if (command !== undefined) {
  process.stderr.write('usage: build-state.mjs check | build | build-if-stale\n');
  process.exit(2);
}
