/**
 * One platform process under `npm start`: spawned in a process group of its own (so a Ctrl-C on
 * the terminal reaches the launcher only, which then stops the children in order), ready when it
 * prints its "listening" line, its output appended to a log file (warnings and errors also go to
 * the terminal), and restarted with backoff when it dies unexpectedly, unless it keeps dying.
 */
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createWriteStream, type WriteStream } from 'node:fs';
import readline from 'node:readline';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Logger } from 'pino';

export interface ProcessSpec {
  /** Short name in logs and file names: gateway, worker, kernel-server, console. */
  readonly name: string;
  readonly command: string;
  /** Arguments of the first start; `restartArgs` (e.g. the port it got) for later ones. */
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** A stdout line that says the process is ready; its first capture group is kept (an address). */
  readonly readyLine?: RegExp;
  /** Or a check polled every 500 ms: the process is ready when it resolves to a string (kept). */
  readonly readyProbe?: () => Promise<string | null>;
  readonly readyTimeoutMs: number;
  readonly logFile: string;
  /** Grace period after SIGTERM before SIGKILL. */
  readonly stopTimeoutMs?: number;
}

export interface ProcessEvents {
  /** The process started (again) and is ready. */
  onStarted?(name: string, pid: number | undefined): void;
  /** The process died without being asked to; `restarting` says whether it comes back. */
  onUnexpectedExit?(name: string, exit: { code: number | null; signal: NodeJS.Signals | null; restarting: boolean }): void;
}

const MAX_RESTARTS_PER_MINUTE = 5;
const TAIL_LINES = 20;

/** Pino's numeric levels: 40 warn, 50 error, 60 fatal. */
function isWarningOrWorse(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const level = (JSON.parse(line) as { level?: unknown }).level;
    return typeof level === 'number' && level >= 40;
  } catch {
    return false;
  }
}

export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restarts: number[] = [];
  private readonly log: WriteStream;
  private readonly tail: string[] = [];
  private exited: Promise<void> = Promise.resolve();
  private restartTimer: NodeJS.Timeout | undefined;
  /** What the ready line captured (e.g. "127.0.0.1:4000"). */
  readyValue = '';

  constructor(
    readonly spec: ProcessSpec,
    private readonly logger: Logger,
    private readonly events: ProcessEvents = {},
    /** How to start it again: e.g. on the port it got the first time, so that others still find it. */
    private readonly restartWith: (readyValue: string) => { args?: readonly string[]; env?: NodeJS.ProcessEnv } = () => ({}),
  ) {
    this.log = createWriteStream(spec.logFile, { flags: 'a', mode: 0o600 });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and resolves with what its ready line captured. */
  async start(overrides: { args?: readonly string[]; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
    const child = spawn(this.spec.command, [...(overrides.args ?? this.spec.args)], {
      cwd: this.spec.cwd,
      env: overrides.env ?? this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const ready = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new EdgepressError(ErrorCode.UNAVAILABLE, `${this.spec.name} did not start within ${this.spec.readyTimeoutMs} ms; see ${this.spec.logFile}:\n${this.tailText()}`));
      }, this.spec.readyTimeoutMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new EdgepressError(ErrorCode.UNAVAILABLE, `${this.spec.name} exited (${signal ?? `code ${code}`}) before it was ready; see ${this.spec.logFile}:\n${this.tailText()}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new EdgepressError(ErrorCode.UNAVAILABLE, `${this.spec.name} could not be started: ${error.message}`, { cause: error }));
      });
      this.readLines(child, (line) => {
        const match = this.spec.readyLine?.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] ?? '');
        }
      });
      const probe = this.spec.readyProbe;
      if (probe) {
        const poll = () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          probe().then(
            (value) => {
              if (value === null) setTimeout(poll, 500);
              else {
                clearTimeout(timer);
                resolve(value);
              }
            },
            () => setTimeout(poll, 500),
          );
        };
        poll();
      }
    });
    try {
      this.readyValue = await ready;
    } catch (error) {
      this.kill('SIGKILL');
      throw error;
    }
    child.once('exit', (code, signal) => this.onExit(code, signal));
    this.logger.info({ process: this.spec.name, pid: child.pid, ready: this.readyValue, logFile: this.spec.logFile }, 'started');
    this.events.onStarted?.(this.spec.name, child.pid);
    return this.readyValue;
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves when the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      this.kill('SIGTERM');
      const timer = setTimeout(() => this.kill('SIGKILL'), this.spec.stopTimeoutMs ?? 20_000);
      await this.exited;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => this.log.end(resolve));
  }

  private kill(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      // The whole group: a child's own children (the sandbox processes, next's server) go too.
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  }

  private readLines(child: ChildProcessByStdio<null, Readable, Readable>, onStdout: (line: string) => void): void {
    const keep = (line: string, stream: 'stdout' | 'stderr') => {
      this.log.write(`${line}\n`);
      this.tail.push(line);
      if (this.tail.length > TAIL_LINES) this.tail.shift();
      if (stream === 'stderr' || isWarningOrWorse(line)) process.stderr.write(`[${this.spec.name}] ${line}\n`);
    };
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      keep(line, 'stdout');
      onStdout(line);
    });
    readline.createInterface({ input: child.stderr }).on('line', (line) => keep(line, 'stderr'));
  }

  private tailText(): string {
    return this.tail.slice(-10).join('\n');
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const now = Date.now();
    this.restarts = this.restarts.filter((time) => now - time < 60_000);
    const restarting = this.restarts.length < MAX_RESTARTS_PER_MINUTE;
    this.logger.error({ process: this.spec.name, code, signal, restarting, logFile: this.spec.logFile, tail: this.tail.slice(-5) }, 'process exited unexpectedly');
    this.events.onUnexpectedExit?.(this.spec.name, { code, signal, restarting });
    if (!restarting) return;
    this.restarts.push(now);
    const delayMs = 1000 * 2 ** (this.restarts.length - 1);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.start(this.restartWith(this.readyValue)).then(
        (value) => this.logger.info({ process: this.spec.name, pid: this.child?.pid, ready: value }, 'process restarted'),
        (error: unknown) => {
          this.logger.error({ process: this.spec.name, err: error }, 'restart failed');
          this.onExit(this.child?.exitCode ?? null, this.child?.signalCode ?? null);
        },
      );
    }, delayMs);
  }
}
