/**
 * Child processes of the test platform: started with their output in a log file, ready when a
 * line of their stdout matches, stopped with SIGTERM (then SIGKILL after a grace period).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface StartedProcess {
  name: string;
  child: ChildProcess;
  /** The first stdout line that matched `ready`. */
  readyLine: string;
  stop(): Promise<void>;
}

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  ready: RegExp;
  logFile: string;
  timeoutMs: number;
}

export function startProcess(spec: ProcessSpec): Promise<StartedProcess> {
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.pipe(log, { end: false });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop();
      reject(new Error(`${spec.name}: ${message} (log: ${spec.logFile})`));
    };
    const timer = setTimeout(() => fail(`not ready after ${spec.timeoutMs} ms`), spec.timeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) before it was ready`));
    if (!child.stdout) throw new Error(`${spec.name}: no stdout pipe`);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      if (!settled && spec.ready.test(line)) {
        settled = true;
        clearTimeout(timer);
        resolve({ name: spec.name, child, readyLine: line, stop });
      }
    });
  });
}
