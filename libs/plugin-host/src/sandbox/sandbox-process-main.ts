/**
 * Entry point of a sandbox process (compiled by host/sandbox-program.ts, run with --no-node-snapshot). It runs
 * exactly one job, in one isolate, and exits. If the host goes away, it exits too. A catastrophic
 * isolate error (which isolated-vm says leaves the process unusable) writes one marker line to
 * stderr and kills the process at once; the host reads the marker to name the failure.
 */
import { writeSync } from 'node:fs';
import { ErrorCode } from '@edgepress/errors';
import { readHostMessage, type SandboxToHost } from '../wire/ipc-messages';
import { sanitizeMessage } from '../wire/sanitize-message';
import { FATAL_MARKER } from './fatal-marker';
import { PluginIsolate, type SandboxChannel } from './plugin-isolate';

function dieWith(code: ErrorCode, message: string): never {
  try {
    writeSync(2, `\n${FATAL_MARKER}${JSON.stringify({ code, message: sanitizeMessage(message) })}\n`);
  } finally {
    process.kill(process.pid, 'SIGKILL');
  }
  throw new Error('unreachable');
}

let closing = false;

const channel: SandboxChannel = {
  send(message: SandboxToHost) {
    if (process.connected) process.send?.(message);
  },
  close() {
    closing = true;
    if (process.connected) process.disconnect();
    setImmediate(() => process.exit(0));
  },
};

let plugin: PluginIsolate | undefined;

process.on('message', (raw) => {
  const message = readHostMessage(raw);
  switch (message.type) {
    case 'start':
      if (plugin !== undefined) return;
      plugin = new PluginIsolate(message.job, channel, (detail) =>
        dieWith(ErrorCode.RESOURCE_EXHAUSTED, `the plugin isolate hit a catastrophic error (${detail}), most likely by exhausting memory`),
      );
      void plugin.start();
      return;
    case 'result':
      plugin?.deliver(message.id, message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
      return;
    case 'abort':
      plugin?.abort();
      return;
  }
});

// The host went away (or dropped the channel): stop at once. SIGKILL rather than exit(), which
// can wait on an isolate thread that is still running plugin code.
process.on('disconnect', () => {
  if (!closing) process.kill(process.pid, 'SIGKILL');
});
process.on('uncaughtException', (error) => dieWith(ErrorCode.INTERNAL, `the sandbox process failed: ${error.message}`));
process.on('unhandledRejection', (reason) => dieWith(ErrorCode.INTERNAL, `the sandbox process failed: ${String((reason as Error)?.message ?? reason)}`));
