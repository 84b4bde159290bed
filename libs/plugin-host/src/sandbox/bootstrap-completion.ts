/**
 * Turns what the bootstrap reports at the end of a phase into the sandbox's answer to the host.
 * The completion object is built by the bootstrap, but its strings come from plugin code, so its
 * shape and sizes are checked here, and error codes a plugin claims are never passed through as
 * the stage's code (except BAD_USER_INPUT from parsing params, which is the plugin's to judge).
 */
import { ErrorCode, isErrorCode } from '@edgepress/errors';
import type { SandboxJob, SandboxOutcome, WireError } from '../wire/ipc-messages';
import { sanitizeMessage } from '../wire/sanitize-message';

export type BootstrapCompletion =
  | { readonly kind: 'ok'; readonly manifestJson: string; readonly valueJson: string | undefined }
  | { readonly kind: 'failed'; readonly stage: 'load' | 'manifest' | 'prepare' | 'run' | 'result'; readonly code: string | undefined; readonly message: string }
  | { readonly kind: 'unsupported'; readonly reason: string }
  | { readonly kind: 'too-large'; readonly message: string };

const MAX_MANIFEST_JSON = 1024 * 1024;
const MAX_INSPECT_JSON = 1024 * 1024;

const STAGE_CONTEXT: Readonly<Record<string, string>> = {
  load: 'the plugin bundle failed to load',
  manifest: 'reading the plugin manifest failed',
  prepare: 'checking params and target failed',
  run: 'run() failed',
  result: 'run() returned a value that cannot be written as JSON',
};

function failure(code: ErrorCode, message: string): { error: WireError } {
  return { error: { code, message } };
}

export function describeCompletion(completion: BootstrapCompletion, job: SandboxJob): { outcome: SandboxOutcome } | { error: WireError } {
  if (typeof completion !== 'object' || completion === null) return failure(ErrorCode.INTERNAL, 'the sandbox bootstrap reported nothing');
  switch (completion.kind) {
    case 'ok': {
      const { manifestJson, valueJson } = completion;
      if (typeof manifestJson !== 'string' || (valueJson !== undefined && typeof valueJson !== 'string')) {
        return failure(ErrorCode.INTERNAL, 'the sandbox bootstrap reported a malformed outcome');
      }
      if (manifestJson.length > MAX_MANIFEST_JSON) return failure(ErrorCode.RESOURCE_EXHAUSTED, `the manifest is larger than ${MAX_MANIFEST_JSON} characters`);
      const maxValue = job.phase === 'run' ? job.limits.maxResultBytes : MAX_INSPECT_JSON;
      if (valueJson !== undefined && Buffer.byteLength(valueJson) > maxValue) {
        return failure(ErrorCode.RESOURCE_EXHAUSTED, `run() returned ${Buffer.byteLength(valueJson)} bytes of JSON, more than the limit of ${maxValue} (limits.maxResultBytes)`);
      }
      return { outcome: { manifestJson, valueJson } };
    }
    case 'failed': {
      const message = sanitizeMessage(String(completion.message));
      const code = typeof completion.code === 'string' && isErrorCode(completion.code) ? completion.code : undefined;
      if (completion.stage === 'prepare' && code === ErrorCode.BAD_USER_INPUT) return failure(ErrorCode.BAD_USER_INPUT, message);
      // V8 reports a typed-array allocation over the isolate's limit as a RangeError.
      if (/^RangeError: Array buffer allocation failed/.test(message)) {
        return failure(ErrorCode.RESOURCE_EXHAUSTED, `could not allocate a typed array within its memory limit of ${job.limits.memoryMb} MiB (limits.memoryMb)`);
      }
      const context = STAGE_CONTEXT[completion.stage] ?? 'the plugin failed';
      return failure(ErrorCode.PLUGIN_FAILED, `${context}: ${code !== undefined ? `[${code}] ` : ''}${message}`);
    }
    case 'unsupported': {
      const targetId = job.target?.id ?? 'the target';
      return failure(ErrorCode.BAD_USER_INPUT, `does not support target ${targetId}: ${sanitizeMessage(String(completion.reason), 1000)}`);
    }
    case 'too-large': {
      const message = sanitizeMessage(String(completion.message));
      return failure(ErrorCode.RESOURCE_EXHAUSTED, message.includes('run()') ? `${message} (limits.maxResultBytes)` : message);
    }
    default:
      return failure(ErrorCode.INTERNAL, 'the sandbox bootstrap reported an unknown outcome');
  }
}
