/**
 * Starts and stops one sandbox process (node running the compiled sandbox program). The process gets no environment from the host (so no
 * secrets such as DATABASE_URL), no stdin/stdout, a capped stderr (read only for the fatal
 * marker), an IPC channel with advanced serialization, and a heap limit of its own. Killing it is
 * always SIGKILL: a plugin gets no chance to run code on the way out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ErrorCode, isErrorCode } from '@edgepress/errors';
import { FATAL_MARKER } from '../sandbox/fatal-marker';
import type { HostToSandbox, WireError } from '../wire/ipc-messages';
import { sanitizeMessage } from '../wire/sanitize-message';

const MAX_STDERR_CHARS = 64 * 1024;
/** Heap for the sandbox process itself (copies of arguments and results), on top of the isolate's. */
const PROCESS_HEAP_HEADROOM_MB = 256;

export interface SandboxExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** What the process said about its own death, when it could. */
  readonly fatal: WireError | undefined;
}

function readFatal(stderr: string): WireError | undefined {
  const start = stderr.lastIndexOf(FATAL_MARKER);
  if (start < 0) return undefined;
  const line = stderr.slice(start + FATAL_MARKER.length).split('\n', 1)[0] ?? '';
  try {
    const parsed = JSON.parse(line) as { code?: unknown; message?: unknown };
    if (isErrorCode(parsed.code) && typeof parsed.message === 'string') return { code: parsed.code, message: sanitizeMessage(parsed.message) };
  } catch {
    // A torn or forged line: fall back to the exit status.
  }
  return undefined;
}

export class SandboxProcess {
  readonly exited: Promise<SandboxExit>;
  private readonly child: ChildProcess;
  private stderr = '';

  constructor(script: string, memoryMb: number, onMessage: (message: unknown) => void) {
    this.child = spawn(process.execPath, ['--no-node-snapshot', `--max-old-space-size=${memoryMb + PROCESS_HEAP_HEADROOM_MB}`, '-e', script], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {},
    });
    this.child.on('message', onMessage);
    this.child.stderr?.setEncoding('utf8');
    // Keep the tail: the fatal marker is the last thing a dying sandbox writes, after V8's own report.
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-MAX_STDERR_CHARS);
    });
    this.exited = new Promise((resolve) => {
      const spawnFailure = (error: Error) =>
        resolve({ code: null, signal: null, fatal: { code: ErrorCode.UNAVAILABLE, message: `the sandbox process could not start: ${sanitizeMessage(error.message)}` } });
      this.child.once('error', spawnFailure);
      // 'close' (not 'exit'): it comes after every IPC message the process sent has been read.
      this.child.once('close', (code, signal) => {
        this.child.off('error', spawnFailure);
        // Later errors (a send racing the exit) have nothing left to report.
        this.child.on('error', () => undefined);
        resolve({ code, signal, fatal: readFatal(this.stderr) });
      });
    });
  }

  send(message: HostToSandbox): void {
    if (!this.child.connected) return;
    // A failed send means the process is gone; its exit is reported through `exited`.
    this.child.send(message, (error) => void error);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
