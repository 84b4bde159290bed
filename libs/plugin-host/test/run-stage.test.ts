/** The host API on a well-behaved plugin: results, events, params, targets, cancellation, options. */
import { spawn } from 'node:child_process';
import { ErrorCode } from '@edgepress/errors';
import { buildPluginBundle, inspectPluginBundle, runPluginStage, type PluginBundle, type StageLogEntry } from '../src/index';
import { CPU_TARGET, expectHostStillServes, expectStageError, fixture, inMemoryModel, MCU_TARGET, scaleWeightsBundle, TEST_LIMITS } from './helpers';

jest.mock('node:child_process', () => {
  const actual = jest.requireActual<typeof import('node:child_process')>('node:child_process');
  return { ...actual, spawn: jest.fn(actual.spawn) };
});

jest.setTimeout(60_000);

let bundle: PluginBundle;
let hostile: PluginBundle;

beforeAll(async () => {
  [bundle, hostile] = await Promise.all([scaleWeightsBundle(), buildPluginBundle(fixture('hostile.plugin.ts'))]);
});

describe('a plugin that succeeds', () => {
  it('returns its StageResult, edits the model through the host and reports logs, progress and usage', async () => {
    const input = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10);
    const model = inMemoryModel(input);
    const logs: StageLogEntry[] = [];
    const progress: Array<[number, string | undefined]> = [];
    const spawnCalls = jest.mocked(spawn).mock.calls.length;
    const run = await runPluginStage({
      bundle,
      params: { factor: 0.5 },
      target: CPU_TARGET,
      handler: model.handler,
      calibrationBatches: 3,
      onLog: (entry) => logs.push(entry),
      onProgress: (fraction, message) => progress.push([fraction, message]),
    });
    expect(run.result).toEqual({ summary: { scaled: 1000, factor: 0.5, cancelled: false }, notes: ['batches: 3'] });
    expect(Array.from(model.weight('w') ?? [])).toEqual(Array.from(input, (value) => Math.fround(value * 0.5)));
    expect(model.calls).toEqual(['model.graph', 'tensors.read', 'tensors.write', 'model.setWeight']);
    expect(logs.map(({ level, message, fields }) => ({ level, message, fields }))).toEqual([
      { level: 'info', message: 'scaling', fields: { factor: 0.5, target: 'x86-avx2' } },
      { level: 'debug', message: 'done', fields: undefined },
    ]);
    expect(run.logs).toEqual(logs);
    expect(progress[0]).toEqual([0, 'step 0']);
    expect(progress[progress.length - 1]).toEqual([1, 'done']);
    expect(jest.mocked(spawn).mock.calls.length).toBe(spawnCalls + 1);
    expect(run.usage.hostCalls).toBe(4);
    expect(run.usage.cpuMs).toBeGreaterThan(0);
    expect(run.usage.wallMs).toBeGreaterThanOrEqual(run.usage.cpuMs);
  });

  it('caps the progress rate but always delivers completion', async () => {
    const progress: number[] = [];
    await runPluginStage({
      bundle,
      params: { progressUpdates: 50_000 },
      target: CPU_TARGET,
      handler: inMemoryModel(new Float32Array([1])).handler,
      limits: { maxProgressPerSecond: 5 },
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThan(20);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('keeps going when the caller’s listeners throw', async () => {
    const run = await runPluginStage({
      bundle,
      target: CPU_TARGET,
      handler: inMemoryModel(new Float32Array([2])).handler,
      onLog: () => {
        throw new Error('listener bug');
      },
      onProgress: () => {
        throw new Error('listener bug');
      },
    });
    expect(run.result?.summary?.scaled).toBe(1);
  });

  it('gives the plugin UNAVAILABLE for a host method the handler does not implement', async () => {
    const { 'tensors.write': _omitted, ...handler } = inMemoryModel(new Float32Array([1])).handler;
    await expectStageError(runPluginStage({ bundle, target: CPU_TARGET, handler }), ErrorCode.PLUGIN_FAILED, /run\(\) failed: \[UNAVAILABLE\] tensors\.write is not available in this host/);
  });
});

describe('params and targets are checked inside the sandbox by the plugin itself', () => {
  it('invalid params give BAD_USER_INPUT with the plugin schema message', async () => {
    const handler = inMemoryModel(new Float32Array([1])).handler;
    await expectStageError(
      runPluginStage({ bundle, params: { factor: -1, weight: '' }, target: CPU_TARGET, handler }),
      ErrorCode.BAD_USER_INPUT,
      /^Plugin scale-weights@1\.2\.0: Invalid params for scale-weights: factor: .*; weight: /,
    );
  });

  it('an unsupported target gives BAD_USER_INPUT with the plugin reason', async () => {
    const handler = inMemoryModel(new Float32Array([1])).handler;
    await expectStageError(runPluginStage({ bundle, target: MCU_TARGET, handler }), ErrorCode.BAD_USER_INPUT, /does not support target cortex-m4: needs a CPU, GPU or NPU$/);
  });

  it('inspectPluginBundle applies defaults and asks supports() without running the stage', async () => {
    await expect(inspectPluginBundle(bundle, { params: { factor: 4 }, target: CPU_TARGET })).resolves.toEqual({
      manifest: bundle.manifest,
      params: { factor: 4, weight: 'w', progressUpdates: 4 },
      support: { supported: true },
    });
    await expect(inspectPluginBundle(bundle)).resolves.toMatchObject({ params: { factor: 2 }, support: undefined });
    await expectStageError(inspectPluginBundle(bundle, { params: { factor: 'big' } }), ErrorCode.BAD_USER_INPUT, /Invalid params for scale-weights: factor/);
    await expectStageError(inspectPluginBundle(bundle, { target: MCU_TARGET }), ErrorCode.BAD_USER_INPUT, /does not support target cortex-m4/);
  });

  it.each([
    ['a missing target', { target: undefined }, /Expected a PluginTarget with an id for target/],
    ['params that are not plain data', { params: { when: new Date() } }, /Expected plain data for params: params\.when is not a plain object, array or typed array \(Date/],
    ['an unknown limit', { limits: { memory: 5 } }, /Unknown sandbox limit "memory"/],
    ['a limit out of bounds', { limits: { memoryMb: 1 } }, /Expected an integer between 16 and 16384 for limits\.memoryMb but received 1/],
    ['a negative batch count', { calibrationBatches: -1 }, /Expected a non-negative integer for calibrationBatches/],
  ])('refuses %s before any sandbox starts', async (_what, overrides, message) => {
    const spawnCalls = jest.mocked(spawn).mock.calls.length;
    const options = { bundle, target: CPU_TARGET, handler: {}, ...overrides } as Parameters<typeof runPluginStage>[0];
    await expectStageError(runPluginStage(options), ErrorCode.BAD_USER_INPUT, message);
    expect(jest.mocked(spawn).mock.calls.length).toBe(spawnCalls);
  });
});

describe('cancellation', () => {
  function cancelAfterFirstCall(attack: string, cancelGraceMs: number) {
    const controller = new AbortController();
    const model = inMemoryModel(new Float32Array([1]));
    const handler = {
      ...model.handler,
      'model.uniqueName': async (prefix: string) => {
        controller.abort();
        return `${prefix}_next`;
      },
    };
    const started = Date.now();
    const run = runPluginStage({ bundle: hostile, params: { attack }, target: CPU_TARGET, handler, limits: { ...TEST_LIMITS, cancelGraceMs }, signal: controller.signal });
    return { run, elapsed: () => Date.now() - started, controller };
  }

  it('makes ctx.signal.aborted true inside the sandbox, so a cooperative plugin stops at once', async () => {
    const { run, elapsed } = cancelAfterFirstCall('honour-cancellation', 10_000);
    await expectStageError(run, ErrorCode.CANCELLED, /the stage was cancelled/);
    expect(elapsed()).toBeLessThan(5_000);
  });

  it('kills a plugin that ignores cancellation after the grace period', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runPluginStage({
      bundle: hostile,
      params: { attack: 'ignore-cancellation' },
      target: CPU_TARGET,
      handler: {},
      limits: { ...TEST_LIMITS, cpuTimeMs: 60_000, cancelGraceMs: 300 },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 500);
    await expectStageError(run, ErrorCode.CANCELLED, /the stage was cancelled/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('does not start a sandbox for a signal that is already aborted', async () => {
    const spawnCalls = jest.mocked(spawn).mock.calls.length;
    await expectStageError(
      runPluginStage({ bundle, target: CPU_TARGET, handler: {}, signal: AbortSignal.abort() }),
      ErrorCode.CANCELLED,
      /cancelled before it started/,
    );
    expect(jest.mocked(spawn).mock.calls.length).toBe(spawnCalls);
  });
});

it('the host keeps serving', async () => {
  await expectHostStillServes();
});
