/**
 * Messages between the host process and a sandbox process (Node IPC with advanced serialization,
 * so typed arrays travel). The host reads every sandbox message through `readSandboxMessage` and
 * trusts nothing else about it: the sandbox process runs plugin code, even if inside an isolate.
 */
import { isErrorCode, type ErrorCode } from '@edgepress/errors';
import type { PluginTarget } from '@edgepress/plugin-sdk';
import type { LogLevel } from '@edgepress/plugin-sdk/sandbox';
import type { SandboxLimits } from '../host/limits';

/** manifest: register the plugin and report its manifest; inspect: also parse params and ask supports(); run: the stage. */
export type SandboxPhase = 'manifest' | 'inspect' | 'run';

export interface SandboxJob {
  /** isolate-bootstrap.js, run in the isolate before the bundle. */
  readonly bootstrapSource: string;
  readonly phase: SandboxPhase;
  readonly code: string;
  readonly params: unknown;
  readonly target: PluginTarget | undefined;
  readonly calibrationBatches: number;
  readonly limits: SandboxLimits;
}

export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
}

export interface SandboxUsage {
  readonly cpuMs: number;
  readonly peakHeapBytes: number | undefined;
}

/** JSON texts produced inside the isolate; parsed and checked by the host. */
export interface SandboxOutcome {
  readonly manifestJson: string;
  /** inspect: { params, support }; run: the StageResult or undefined. */
  readonly valueJson: string | undefined;
}

export type HostToSandbox =
  | { readonly type: 'start'; readonly job: SandboxJob }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: WireError }
  | { readonly type: 'abort' };

export type SandboxToHost =
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly args: readonly unknown[] }
  | { readonly type: 'progress'; readonly fraction: number; readonly message: string | undefined }
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string; readonly fieldsJson: string | undefined }
  | { readonly type: 'done'; readonly outcome: SandboxOutcome; readonly usage: SandboxUsage }
  | { readonly type: 'failed'; readonly error: WireError; readonly usage: SandboxUsage };

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
const isOptionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

function readUsage(value: unknown): SandboxUsage {
  if (!isRecord(value) || typeof value.cpuMs !== 'number' || !Number.isFinite(value.cpuMs)) throw new MalformedMessageError('usage');
  const peak = value.peakHeapBytes;
  return { cpuMs: value.cpuMs, peakHeapBytes: typeof peak === 'number' && Number.isFinite(peak) ? peak : undefined };
}

function readWireError(value: unknown): WireError {
  if (!isRecord(value) || !isErrorCode(value.code) || typeof value.message !== 'string') throw new MalformedMessageError('error');
  return { code: value.code, message: value.message };
}

/** Checks the shape of a message from a sandbox process; throws MalformedMessageError otherwise. */
export function readSandboxMessage(raw: unknown): SandboxToHost {
  if (!isRecord(raw)) throw new MalformedMessageError('not an object');
  switch (raw.type) {
    case 'call':
      if (!isId(raw.id) || typeof raw.method !== 'string' || !Array.isArray(raw.args)) throw new MalformedMessageError('call');
      return { type: 'call', id: raw.id, method: raw.method, args: raw.args };
    case 'progress':
      if (typeof raw.fraction !== 'number' || !isOptionalString(raw.message)) throw new MalformedMessageError('progress');
      return { type: 'progress', fraction: raw.fraction, message: raw.message };
    case 'log':
      if (!(LOG_LEVELS as readonly unknown[]).includes(raw.level) || typeof raw.message !== 'string' || !isOptionalString(raw.fieldsJson)) {
        throw new MalformedMessageError('log');
      }
      return { type: 'log', level: raw.level as LogLevel, message: raw.message, fieldsJson: raw.fieldsJson };
    case 'done': {
      const outcome = raw.outcome;
      if (!isRecord(outcome) || typeof outcome.manifestJson !== 'string' || !isOptionalString(outcome.valueJson)) throw new MalformedMessageError('done');
      return { type: 'done', outcome: { manifestJson: outcome.manifestJson, valueJson: outcome.valueJson }, usage: readUsage(raw.usage) };
    }
    case 'failed':
      return { type: 'failed', error: readWireError(raw.error), usage: readUsage(raw.usage) };
    default:
      throw new MalformedMessageError(`unknown type ${String(raw.type).slice(0, 40)}`);
  }
}

/** Checks the shape of a message from the host (the sandbox process's only input). */
export function readHostMessage(raw: unknown): HostToSandbox {
  if (!isRecord(raw)) throw new MalformedMessageError('not an object');
  switch (raw.type) {
    case 'start':
      if (!isRecord(raw.job) || typeof raw.job.code !== 'string' || typeof raw.job.bootstrapSource !== 'string') throw new MalformedMessageError('start');
      return { type: 'start', job: raw.job as unknown as SandboxJob };
    case 'result':
      if (!isId(raw.id)) throw new MalformedMessageError('result');
      return raw.ok === true ? { type: 'result', id: raw.id, ok: true, value: raw.value } : { type: 'result', id: raw.id, ok: false, error: readWireError(raw.error) };
    case 'abort':
      return { type: 'abort' };
    default:
      throw new MalformedMessageError('unknown type');
  }
}
