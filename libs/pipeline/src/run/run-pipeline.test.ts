import path from 'node:path';
import { ErrorCode } from '@edgepress/errors';
import { readModel } from '@edgepress/onnx';
import { buildPluginBundle, connectKernels, type PluginBundle } from '@edgepress/plugin-host';
import { mlpClassifier } from '../../test/models';
import { OrtModelSession } from '../evaluate/ort-session';
import type { PipelineEvent } from './pipeline-events';
import { staticRegistry, type PluginRegistry } from './plugin-registry';
import { runPipeline, type PipelineResult } from './run-pipeline';
import { fromStoredJson, toStoredJson } from './stored-json';

jest.setTimeout(120_000);

const fixture = (name: string) => path.join(__dirname, '../../test/fixtures', `${name}.plugin.ts`);
const kernels = connectKernels().kernels;
const latency = { warmupRuns: 1, runs: 3 };
let registry: PluginRegistry;
let model: Uint8Array;

const data = {
  calibration: { type: 'mnist', layout: 'flat', limit: 8 },
  evaluation: { type: 'mnist', layout: 'flat', offset: 100, limit: 30 },
} as const;

beforeAll(async () => {
  const bundles: PluginBundle[] = await Promise.all(['prune-smallest', 'fake-quant', 'break-model'].map((name) => buildPluginBundle(fixture(name))));
  registry = staticRegistry(bundles);
  model = mlpClassifier();
});

function nonZeroWeights(bytes: Uint8Array): number {
  const onnx = readModel(bytes);
  return onnx.graph.weights().reduce((sum, weight) => sum + Array.from(onnx.readWeight(weight).data as Float32Array).filter((v) => v !== 0).length, 0);
}

describe('runPipeline', () => {
  let events: PipelineEvent[];
  let result: PipelineResult;

  beforeAll(async () => {
    events = [];
    result = await runPipeline(
      {
        target: 'xeon-e5-2690-v4',
        stages: [{ plugin: 'prune-smallest', params: { sparsity: 0.6 } }, { plugin: 'fake-quant', version: '^2.0.0' }],
        ...data,
        constraints: { maxFidelityDrop: 0.5, maxSizeBytes: 1 },
      },
      { model, modelName: 'mlp', registry, kernels, latency, onEvent: (event) => void events.push(event) },
    );
  });

  it('emits the run as events: validation, baseline, then every stage started, progressing and completed', () => {
    const kinds = events.map((event) => (event.type.startsWith('stage-') ? `${event.type}:${(event as { index: number }).index}` : event.type));
    const compact = kinds.filter((kind, i) => kind !== kinds[i - 1]);
    expect(compact).toEqual([
      'validated',
      'baseline-started',
      'baseline-completed',
      'stage-started:0',
      'stage-progress:0',
      'stage-log:0',
      'stage-measuring:0',
      'stage-completed:0',
      'stage-started:1',
      'stage-measuring:1',
      'stage-completed:1',
      'completed',
    ]);
    expect(events[0]).toMatchObject({ type: 'validated', resumedAfter: 0, stages: [{ plugin: 'prune-smallest', version: '1.2.0', params: { sparsity: 0.6 } }, { plugin: 'fake-quant', version: '2.0.0', params: { axis: 1 } }] });
  });

  it('measures every stage on the model it produced', () => {
    const completed = events.filter((event): event is Extract<PipelineEvent, { type: 'stage-completed' }> => event.type === 'stage-completed');
    const original = readModel(model);
    const matrices = original.graph.weights().filter((weight) => original.weightInfo(weight).dims.length === 2).map((weight) => original.readWeight(weight).data as Float32Array);
    const matrixElements = matrices.reduce((sum, values) => sum + values.length, 0);
    const zerosBefore = matrices.reduce((sum, values) => sum + values.filter((v) => v === 0).length, 0);
    const pruned = completed[0].record.metrics;
    expect(pruned.nonZeros).toBe(nonZeroWeights(completed[0].model));
    // The global threshold zeroes floor(0.6 n) matrix elements, some of which were zero already.
    expect(result.baseline.nonZeros - pruned.nonZeros).toBe(Math.floor(0.6 * matrixElements) - zerosBefore);
    expect(pruned.fidelity?.cosine).toBeLessThan(1);
    expect(pruned.accuracy?.metric).toBe('top1-accuracy');
    expect(result.baseline.accuracy?.samples).toBe(30);
    expect(completed[1].result?.summary?.cosine).toBeGreaterThan(0.99);
    expect(result.stages.map((stage) => [stage.plugin, stage.version])).toEqual([['prune-smallest', '1.2.0'], ['fake-quant', '2.0.0']]);
    expect(result.model).toEqual(completed[1].model);
    expect(result.stages[1].metrics.latency?.runs).toBe(3);
    expect(result.report.stages[0].summary).toEqual({ layers: 2, threshold: expect.any(Number) });
  });

  it('checks the constraints on the final model and reports them', async () => {
    expect(result.constraints.map(({ constraint, met }) => [constraint, met])).toEqual([['maxSizeBytes', false], ['maxFidelityDrop', true]]);
    expect(result.constraintsMet).toBe(false);
    expect(result.report.stages).toHaveLength(2);
    expect(result.report.data.evaluation).toMatch(/mnist/i);
    expect(result.report.constraintsMet).toBe(false);
    const session = await OrtModelSession.create(result.model);
    await session.release();
  });

  it('resumes after a finished stage and ends with the same model', async () => {
    const completed = events.filter((event): event is Extract<PipelineEvent, { type: 'stage-completed' }> => event.type === 'stage-completed');
    const resumedEvents: PipelineEvent[] = [];
    const resumed = await runPipeline(
      { target: 'xeon-e5-2690-v4', stages: [{ plugin: 'prune-smallest', params: { sparsity: 0.6 } }, { plugin: 'fake-quant' }], ...data },
      {
        model,
        registry,
        kernels,
        latency,
        // As a worker stores them: records and metrics as JSON, the model as bytes.
        resumeFrom: { completed: [fromStoredJson(toStoredJson(completed[0].record))], model: completed[0].model, baseline: fromStoredJson(toStoredJson(result.baseline)) },
        onEvent: (event) => void resumedEvents.push(event),
      },
    );
    expect(resumedEvents.filter((event) => event.type === 'stage-started').map((event) => (event as { index: number }).index)).toEqual([1]);
    expect(resumedEvents.some((event) => event.type === 'baseline-started')).toBe(false);
    expect(resumed.model).toEqual(result.model);
    expect(resumed.report.stages.map((stage) => stage.plugin)).toEqual(['prune-smallest', 'fake-quant']);
    expect(resumed.stages[1].metrics.fidelity?.cosine).toBeCloseTo(result.stages[1].metrics.fidelity?.cosine as number, 12);
    await expect(
      runPipeline({ target: 'xeon-e5-2690-v4', stages: [{ plugin: 'fake-quant' }, { plugin: 'prune-smallest' }], ...data }, { model, registry, kernels, resumeFrom: { completed: [completed[0].record], model: completed[0].model, baseline: result.baseline } }),
    ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(/does not match the pipeline/) });
  });
});

describe('validation before anything runs', () => {
  it.each([
    ['an unknown plugin', { target: 'xeon-e5-2690-v4', stages: [{ plugin: 'prune-smallest' }, { plugin: 'quantize-int9' }] }, /Stage 2: unknown plugin "quantize-int9"; known plugins: break-model, fake-quant, prune-smallest/],
    ['a version range no bundle matches', { target: 'xeon-e5-2690-v4', stages: [{ plugin: 'fake-quant', version: '^1.0.0' }] }, /no version matching \^1.0.0 \(available: 2.0.0\)/],
    ['params the plugin schema refuses', { target: 'xeon-e5-2690-v4', stages: [{ plugin: 'prune-smallest', params: { sparsity: 2 } }] }, /Stage 1 \(prune-smallest\): Invalid params for prune-smallest: sparsity/],
    ['a target the plugin does not support', { target: 'stm32h7', stages: [{ plugin: 'prune-smallest' }, { plugin: 'fake-quant' }] }, /Stage 1 \(prune-smallest\): does not support target stm32h7: test plugin for CPUs/],
    ['an int8-only target without a quantize stage', { target: 'coral-edge-tpu', stages: [{ plugin: 'prune-smallest' }] }, /coral-edge-tpu runs only int8.*no stage of this pipeline quantizes/],
    ['an unknown target', { target: 'pentium-mmx', stages: [{ plugin: 'fake-quant' }] }, /Unknown hardware target "pentium-mmx"/],
    ['a malformed spec', { target: 'xeon-e5-2690-v4', stages: [], extra: 1 }, /stages: expected at least one stage.*Unrecognized key/],
    ['a bad version range', { target: 'xeon-e5-2690-v4', stages: [{ plugin: 'fake-quant', version: 'latest!' }] }, /stages.0.version: expected a semver range/],
  ])('refuses %s with BAD_USER_INPUT', async (_label, spec, message) => {
    const events: PipelineEvent[] = [];
    await expect(runPipeline(spec, { model, registry, kernels, onEvent: (event) => void events.push(event) })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(message) });
    expect(events).toEqual([]);
  });

  it('refuses symbolic input shapes without data to resolve them, and a model ONNX Runtime cannot load', async () => {
    await expect(runPipeline({ target: 'xeon-e5-2690-v4', stages: [{ plugin: 'fake-quant' }] }, { model, registry, kernels })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringMatching(/input 'x' has symbolic dimensions \[n, 784\]/),
    });
    await expect(runPipeline({ target: 'xeon-e5-2690-v4', stages: [{ plugin: 'fake-quant' }] }, { model: model.subarray(0, 100), registry, kernels })).rejects.toMatchObject({ code: ErrorCode.INVALID_MODEL });
  });
});

describe('stages that break the model', () => {
  it.each([
    ['dangling-input', /Stage 2 \(break-model\) produced a model that ONNX Runtime cannot use/],
    ['rename-output', /Stage 2 \(break-model\) changed the model's interface: .*outputs \[renamed\] instead of .*\[probs\]/],
  ])('fail with INVALID_MODEL naming the stage (%s)', async (how, message) => {
    const events: PipelineEvent[] = [];
    await expect(
      runPipeline(
        { target: 'raspberry-pi-5', stages: [{ plugin: 'fake-quant' }, { plugin: 'break-model', params: { how } }], calibration: data.calibration, inputShapes: { x: [1, 784] } },
        { model, registry, kernels, latency: false, onEvent: (event) => void events.push(event) },
      ),
    ).rejects.toMatchObject({ code: ErrorCode.INVALID_MODEL, message: expect.stringMatching(message) });
    expect(events.filter((event) => event.type === 'stage-completed')).toHaveLength(1);
  });
});
