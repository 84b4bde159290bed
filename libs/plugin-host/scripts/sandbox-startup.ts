/**
 * What a fresh sandbox process costs per stage, against plain `node -e ""` as the anchor:
 * an empty bundle (process + isolate + bootstrap), and the scale-weights test plugin (SDK and zod
 * loaded in the isolate) for inspection and for a whole stage. Prints a table and JSON lines.
 *   node --import tsx libs/plugin-host/scripts/sandbox-startup.ts [runs=15]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SANDBOX_LIMITS } from '../src/host/limits';
import { runSandboxSession } from '../src/host/sandbox-session';
import { buildPluginBundle, inspectPluginBundle, runPluginStage } from '../src/index';
import { CPU_TARGET, inMemoryModel } from '../test/helpers';

const EMPTY_BUNDLE = `globalThis.__edgepressSandbox.register({ apiVersion: 1, manifest: {} });`;

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function plainNode(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 15);
  const bundle = await buildPluginBundle(path.join(__dirname, '..', 'test', 'fixtures', 'scale-weights.plugin.ts'));
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['node -e "" (anchor)', plainNode],
    ['sandbox, empty bundle', () => runSandboxSession({ code: EMPTY_BUNDLE, label: 'empty', phase: 'manifest', limits: DEFAULT_SANDBOX_LIMITS })],
    ['sandbox, inspect scale-weights', () => inspectPluginBundle(bundle, { target: CPU_TARGET })],
    [
      'sandbox, run scale-weights stage',
      () => runPluginStage({ bundle, target: CPU_TARGET, handler: inMemoryModel(new Float32Array(1024)).handler }),
    ],
  ];
  const rows: Array<{ case: string; runs: number; medianMs: number; p90Ms: number }> = [];
  for (const [name, run] of cases) {
    await run();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await time(run));
    samples.sort((a, b) => a - b);
    const at = (q: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0);
    rows.push({ case: name, runs, medianMs: at(0.5), p90Ms: at(0.9) });
  }
  console.log('case'.padEnd(36), 'median ms'.padStart(10), 'p90 ms'.padStart(8));
  for (const row of rows) console.log(row.case.padEnd(36), String(row.medianMs).padStart(10), String(row.p90Ms).padStart(8));
  for (const row of rows) console.log(JSON.stringify(row));
}

void main();
