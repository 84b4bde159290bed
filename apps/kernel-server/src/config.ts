/**
 * The kernel server's configuration from command-line flags, then environment variables, then
 * defaults. Every value is checked; a bad one is BAD_USER_INPUT naming the flag and the variable
 * (the process exits with code 2).
 */
import { parseArgs } from 'node:util';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelServerOptions } from '@edgepress/kernels-rpc';

export interface KernelServerConfig extends Required<Pick<KernelServerOptions, 'host' | 'port' | 'maxTensorBytes' | 'drainDelayMs' | 'gracePeriodMs'>> {
  threads: number | undefined;
  /** Same-host shared memory for clients on this host (--shared-memory on|off). */
  sharedMemory: boolean;
  maxCallBytes: number | undefined;
  maxInflightBytes: number | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

interface Setting {
  flag: string;
  env: string;
  min: number;
  max: number;
}

const INTEGER_SETTINGS = {
  port: { flag: 'port', env: 'KERNEL_SERVER_PORT', min: 0, max: 65535 },
  threads: { flag: 'threads', env: 'KERNEL_SERVER_THREADS', min: 1, max: 64 },
  maxTensorBytes: { flag: 'max-tensor-bytes', env: 'KERNEL_SERVER_MAX_TENSOR_BYTES', min: 1, max: Number.MAX_SAFE_INTEGER },
  maxCallBytes: { flag: 'max-call-bytes', env: 'KERNEL_SERVER_MAX_CALL_BYTES', min: 1, max: Number.MAX_SAFE_INTEGER },
  maxInflightBytes: { flag: 'max-inflight-bytes', env: 'KERNEL_SERVER_MAX_INFLIGHT_BYTES', min: 1, max: Number.MAX_SAFE_INTEGER },
  drainDelayMs: { flag: 'drain-delay-ms', env: 'KERNEL_SERVER_DRAIN_DELAY_MS', min: 0, max: 3_600_000 },
  gracePeriodMs: { flag: 'grace-period-ms', env: 'KERNEL_SERVER_GRACE_PERIOD_MS', min: 0, max: 3_600_000 },
} as const satisfies Record<string, Setting>;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

function usage(message: string, argument: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, message, { details: { argument } });
}

function integerSetting(setting: Setting, flags: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): number | undefined {
  const raw = flags[setting.flag] ?? env[setting.env];
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < setting.min || value > setting.max) {
    throw usage(`Expected an integer between ${setting.min} and ${setting.max} for --${setting.flag} (${setting.env}) but received ${JSON.stringify(raw)}`, setting.flag);
  }
  return value;
}

export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): KernelServerConfig {
  let flags: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      [...Object.values(INTEGER_SETTINGS).map((s) => s.flag), 'host', 'log-level', 'shared-memory'].map((flag) => [flag, { type: 'string' as const }]),
    );
    flags = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usage(`Invalid command line: ${(error as Error).message}`, 'argv');
  }
  const number = (name: keyof typeof INTEGER_SETTINGS) => integerSetting(INTEGER_SETTINGS[name], flags, env);
  const logLevel = (flags['log-level'] ?? env.KERNEL_SERVER_LOG_LEVEL ?? 'info') as string;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw usage(`Expected one of ${LOG_LEVELS.join(', ')} for --log-level (KERNEL_SERVER_LOG_LEVEL) but received ${JSON.stringify(logLevel)}`, 'log-level');
  }
  const sharedMemory = (flags['shared-memory'] ?? env.KERNEL_SERVER_SHARED_MEMORY ?? 'on') as string;
  if (sharedMemory !== 'on' && sharedMemory !== 'off') {
    throw usage(`Expected on or off for --shared-memory (KERNEL_SERVER_SHARED_MEMORY) but received ${JSON.stringify(sharedMemory)}`, 'shared-memory');
  }
  const host = (flags.host ?? env.KERNEL_SERVER_HOST ?? '127.0.0.1') as string;
  if (host.length === 0) throw usage('Expected an interface address for --host (KERNEL_SERVER_HOST)', 'host');
  return {
    host,
    port: number('port') ?? 50051,
    threads: number('threads'),
    maxTensorBytes: number('maxTensorBytes') ?? 2 ** 30,
    maxCallBytes: number('maxCallBytes'),
    maxInflightBytes: number('maxInflightBytes'),
    drainDelayMs: number('drainDelayMs') ?? 0,
    gracePeriodMs: number('gracePeriodMs') ?? 30_000,
    logLevel: logLevel as KernelServerConfig['logLevel'],
    sharedMemory: sharedMemory === 'on',
  };
}
