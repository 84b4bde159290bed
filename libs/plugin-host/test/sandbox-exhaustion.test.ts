/**
 * Exhaustion attempts (trust boundary 3): loops, memory bombs, floods and oversized values must
 * end the stage with the right code (DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, PLUGIN_FAILED) while
 * this process keeps serving.
 */
import { execFileSync } from 'node:child_process';
import { ErrorCode } from '@edgepress/errors';
import { buildPluginBundle, runPluginStage, type PluginBundle, type SandboxLimits } from '../src/index';
import { CPU_TARGET, expectHostStillServes, expectStageError, fixture, inMemoryModel, TEST_LIMITS } from './helpers';

jest.setTimeout(60_000);

let hostile: PluginBundle;

beforeAll(async () => {
  hostile = await buildPluginBundle(fixture('hostile.plugin.ts'));
});

function attack(name: string, size = 0, limits: Partial<SandboxLimits> = {}, handler = inMemoryModel(new Float32Array([1, 2, 3])).handler) {
  return runPluginStage({ bundle: hostile, params: { attack: name, size }, target: CPU_TARGET, handler, limits: { ...TEST_LIMITS, ...limits } });
}

describe('CPU and wall time', () => {
  it('an infinite loop is stopped by the CPU limit', async () => {
    const started = Date.now();
    await expectStageError(attack('loop-sync', 0, { cpuTimeMs: 300 }), ErrorCode.DEADLINE_EXCEEDED, /used more than 300 ms of CPU time \(limits\.cpuTimeMs\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an infinite loop after an await is stopped by the CPU limit', async () => {
    await expectStageError(attack('loop-after-await', 0, { cpuTimeMs: 300 }), ErrorCode.DEADLINE_EXCEEDED, /CPU time/);
  });

  it('a microtask flood is stopped by the CPU limit', async () => {
    await expectStageError(attack('microtask-flood', 0, { cpuTimeMs: 300 }), ErrorCode.DEADLINE_EXCEEDED, /CPU time/);
  });

  it('a stage waiting forever on the host is stopped by the wall-time limit', async () => {
    const handler = { 'model.graph': () => new Promise<never>(() => undefined) };
    await expectStageError(attack('wait-forever-on-host', 0, { wallTimeMs: 1_000 }, handler), ErrorCode.DEADLINE_EXCEEDED, /longer than 1000 ms of wall time \(limits\.wallTimeMs\)/);
  });
});

describe('memory', () => {
  it.each([
    ['memory-arrays', /exceeded its memory limit of 64 MiB \(limits\.memoryMb\)/],
    ['memory-strings', /exceeded its memory limit of 64 MiB/],
    ['memory-typed-arrays', /could not allocate a typed array within its memory limit of 64 MiB/],
    ['memory-catastrophic', /catastrophic error \(Catastrophic out-of-memory error\), most likely by exhausting memory/],
  ])('%s ends with RESOURCE_EXHAUSTED', async (name, message) => {
    await expectStageError(attack(name, 0, { cpuTimeMs: 10_000 }), ErrorCode.RESOURCE_EXHAUSTED, message);
  });

  it('deep recursion fails the stage with the stack overflow', async () => {
    await expectStageError(attack('deep-recursion'), ErrorCode.PLUGIN_FAILED, /RangeError: Maximum call stack size exceeded/);
  });
});

describe('floods and oversized values', () => {
  it('millions of pending host calls hit the outstanding-call cap', async () => {
    await expectStageError(attack('promise-flood'), ErrorCode.RESOURCE_EXHAUSTED, /more than 256 host calls waiting at once \(limits\.maxOutstandingHostCalls\)/);
  });

  it('sequential host calls hit the total-call cap', async () => {
    await expectStageError(attack('sequential-calls', 1_000, { maxHostCalls: 100 }), ErrorCode.RESOURCE_EXHAUSTED, /more than 100 host calls \(limits\.maxHostCalls\)/);
  });

  it('a huge return value is refused', async () => {
    await expectStageError(attack('huge-return', 10_000_000), ErrorCode.RESOURCE_EXHAUSTED, /more than the limit of 262144 \(limits\.maxResultBytes\)/);
  });

  it('a log flood hits the line cap', async () => {
    await expectStageError(attack('log-flood'), ErrorCode.RESOURCE_EXHAUSTED, /more than 10000 log lines \(limits\.maxLogLines\)/);
  });

  it('one huge log line hits the byte cap', async () => {
    await expectStageError(attack('log-huge-line', 5_000_000), ErrorCode.RESOURCE_EXHAUSTED, /larger than the log limit of 1048576 bytes/);
  });

  it('a huge host-call argument is refused before it is copied', async () => {
    await expectStageError(
      attack('huge-arg', 4_000_000, { maxHostCallArgBytes: 1_000_000 }),
      ErrorCode.RESOURCE_EXHAUSTED,
      /arguments of tensors\.write cannot be sent to the host: .*larger than the limit of 1000000 bytes/,
    );
  });

  it('a small view on a huge buffer counts the whole buffer', async () => {
    await expectStageError(attack('huge-arg-window', 4_000_000, { maxHostCallArgBytes: 1_000_000 }), ErrorCode.RESOURCE_EXHAUSTED, /larger than the limit/);
  });
});

describe('the sandbox process dying', () => {
  function killSandboxes(signal: NodeJS.Signals): void {
    const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('--no-node-snapshot'))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
    for (const pid of children) process.kill(pid, signal);
  }

  it.each(['SIGSEGV', 'SIGKILL'] as const)('a sandbox killed by %s fails the stage, not the caller', async (signal) => {
    const handler = {
      'model.graph': () => {
        killSandboxes(signal);
        return new Promise<never>(() => undefined);
      },
    };
    await expectStageError(attack('wait-forever-on-host', 0, {}, handler), ErrorCode.PLUGIN_FAILED, new RegExp(`sandbox process was killed by ${signal}`));
  });
});

it('the host keeps serving after every attack', async () => {
  await expectHostStillServes();
});
