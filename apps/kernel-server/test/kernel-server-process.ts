/**
 * Starts apps/kernel-server as a separate process (node --import tsx src/main.ts) for the
 * integration tests, waits for its "kernel-server listening on HOST:PORT" line, and keeps its JSON
 * log lines for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(REPO_ROOT, 'apps', 'kernel-server', 'src', 'main.ts');

export interface KernelServerProcess {
  readonly child: ChildProcess;
  readonly address: string;
  readonly port: number;
  /** Parsed JSON log lines so far. */
  readonly logs: Record<string, unknown>[];
  /** Resolves with the exit code (null when killed by a signal) and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits for a log line whose msg is `message` (and whose fields match), returning it. */
  waitForLog(message: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Peak resident memory (VmHWM) in bytes, from /proc. */
  peakRss(): number;
}

export async function startKernelServer(args: string[] = [], timeoutMs = 30_000): Promise<KernelServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', '0', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kernel-server did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    void exited.then(({ code }) => reject(new Error(`kernel-server exited with ${code} before listening: ${stderr}`)));
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const match = /^kernel-server listening on (.+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
        return;
      }
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
        for (const wake of waiters.splice(0)) wake();
      } catch {
        // Not a log line: ignore.
      }
    });
  });
  const address = await listening;
  const port = Number(address.slice(address.lastIndexOf(':') + 1));

  const waitForLog = (message: string, waitMs = 20_000): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log "${message}" within ${waitMs} ms`)), waitMs);
      const check = (): void => {
        const found = logs.find((entry) => entry.msg === message);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });

  const peakRss = (): number => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return Number(kb) * 1024;
  };

  return { child, address, port, logs, exited, waitForLog, peakRss };
}

/** Kills the process if it still runs (SIGKILL) and waits for it. */
export async function stopKernelServer(server: KernelServerProcess | undefined): Promise<void> {
  if (server === undefined) return;
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
}
