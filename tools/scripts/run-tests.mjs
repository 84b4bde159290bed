#!/usr/bin/env node
// `npm test`: lint, type-check and test every project through Nx, then print one closing line
// "N passed, N failed" (CI reads it). Jest cases are counted from .reports/jest; a lint or
// typecheck task that fails, or a test task that dies before reporting, counts as one failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const reports = path.join(root, '.reports', 'jest');
fs.rmSync(reports, { recursive: true, force: true });

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  FORCE_COLOR: '0',
};
const extra = process.argv.slice(2);
const nx = path.join(root, 'node_modules', '.bin', 'nx');

function runMany(targets, parallel) {
  const args = ['run-many', '-t', ...targets, '--outputStyle=static', `--parallel=${parallel}`, '--nxBail=false', ...extra];
  const result = spawnSync(nx, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(result.stdout ?? '');
  const failed = new Set();
  const lines = (result.stdout ?? '').split('\n');
  const start = lines.findIndex((line) => /Failed tasks:/.test(line));
  if (start >= 0) {
    for (const line of lines.slice(start + 1)) {
      const match = /^\s*-\s+(\S+:\S+)/.exec(line);
      if (match) failed.add(match[1]);
    }
  }
  if (result.status !== 0 && failed.size === 0) failed.add(`nx run-many -t ${targets.join(' ')}`);
  return failed;
}

const staticFailures = runMany(['lint', 'typecheck'], 2);
const testFailures = runMany(['test'], 1);

let passed = 0;
let failed = staticFailures.size;
const reported = new Set();
if (fs.existsSync(reports)) {
  for (const file of fs.readdirSync(reports)) {
    const summary = JSON.parse(fs.readFileSync(path.join(reports, file), 'utf8'));
    passed += summary.passed;
    failed += summary.failed;
    reported.add(summary.project);
    for (const suite of summary.failedSuites) console.log(`failed suite: ${suite}`);
  }
}
for (const task of testFailures) {
  if (!reported.has(task.split(':')[0])) failed += 1;
}
for (const task of staticFailures) console.log(`failed task: ${task}`);
for (const task of testFailures) console.log(`failed task: ${task}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
