import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Debian's Python with numpy and onnx (python3-onnx): the independent reference that writes test
 * inputs and models. The `python3` on PATH is a different build without these packages.
 */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** Runs a Python script with argv[1:] = args; returns stdout, throws with stderr on failure. */
export function runPython(script: string, args: readonly string[] = []): string {
  const result = spawnSync(DEBIAN_PYTHON, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python failed (${result.status}): ${result.stderr || result.error?.message}`);
  return result.stdout;
}

/** A fresh temporary folder and its cleanup. */
export function temporaryFolder(prefix: string): { folder: string; remove: () => void } {
  const folder = mkdtempSync(path.join(os.tmpdir(), `edgepress-pipeline-${prefix}-`));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
