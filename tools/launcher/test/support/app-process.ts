/**
 * A platform app (apps/kernel-server, apps/worker, apps/gateway) as a real child process for the
 * acceptance tests: `node --import tsx src/main.ts` in the app's folder, ready when it prints its
 * ready line, its JSON log lines kept for assertions.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export interface AppProcess {
  readonly name: string;
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** What the ready line captured (an address for the kernel server). */
  readonly ready: string;
  readonly logs: Record<string, unknown>[];
  readonly stderr: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line (so far or later) that matches. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  alive(): boolean;
  /** Sends the signal (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startApp(name: string, app: string, options: { args?: string[]; env?: Record<string, string>; readyLine: RegExp; timeoutMs?: number }): Promise<AppProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.TSX_TSCONFIG_PATH;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...(options.args ?? [])], {
    cwd: path.join(REPO_ROOT, 'apps', app),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let resolveReady!: (value: string) => void;
  const readyLine = new Promise<string>((resolve) => (resolveReady = resolve));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const match = options.readyLine.exec(line);
    if (match) resolveReady(match[1] ?? '');
    if (!line.startsWith('{')) return;
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
      for (const wake of waiters) wake();
    } catch {
      // Not a log line.
    }
  });
  readline.createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const timeoutMs = options.timeoutMs ?? 90_000;
  const ready = await Promise.race([
    readyLine,
    exited.then(({ code, signal }) => {
      throw new Error(`${name} exited (${signal ?? code}) before it was ready:\n${stderr.slice(-20).join('\n')}`);
    }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${name} was not ready within ${timeoutMs} ms:\n${stderr.slice(-20).join('\n')}`)), timeoutMs).unref()),
  ]).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    ready,
    logs,
    stderr,
    exited,
    alive,
    waitForLog(match, waitMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name}: no matching log line within ${waitMs} ms`));
        }, waitMs);
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (alive()) child.kill(signal);
      await exited;
    },
  };
}

export function startKernelServer(name = 'kernel-server'): Promise<AppProcess> {
  return startApp(name, 'kernel-server', { args: ['--host', '127.0.0.1', '--port', '0'], readyLine: /^kernel-server listening on (\S+)$/ });
}

export function startWorker(name: string, env: Record<string, string>): Promise<AppProcess> {
  return startApp(name, 'worker', { env: { WORKER_NAME: name, ...env }, readyLine: /^worker ready(.*)$/ });
}

export function startGateway(name: string, env: Record<string, string>): Promise<AppProcess> {
  return startApp(name, 'gateway', { env: { GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: '0', ...env }, readyLine: /^gateway listening on (\S+)$/ });
}
