import { createInProcessKernels, compareOutputs, getTarget, randomInputs, readModel, runOnnx, testPlugin } from '@edgepress/plugin-sdk/testing';

// The kernels' reference quantization, called directly (kernels-native in process), not through the plugin.
const { quantizeTensor } = createInProcessKernels();
import plugin from '../src/index';
import { nodeNamed, nodesOf, storedWeight } from './graph-queries';
import { convModel, linearModel, outlierModel } from './models';

describe('quantize-int8 dynamic mode', () => {
  const linear = linearModel();

  it('turns MatMul and Gemm into DynamicQuantizeLinear + MatMulInteger that run and stay close to fp32', async () => {
    const run = await testPlugin(plugin, { model: linear, target: 'xeon-platinum-8280', params: { mode: 'dynamic' } });
    const model = run.model;
    expect(nodesOf(model, 'MatMul')).toHaveLength(0);
    expect(nodesOf(model, 'Gemm')).toHaveLength(0);
    expect(nodesOf(model, 'MatMulInteger').map((node) => node.name).sort()).toEqual(['gemm', 'mm']);
    expect(nodesOf(model, 'DynamicQuantizeLinear')).toHaveLength(2);
    expect(run.result?.summary).toMatchObject({ mode: 'dynamic', layersInt8: 2 });
    // Gemm's B [10, 12] (transB) was quantized per output row by the kernels, then laid out as [12, 10].
    const original = readModel(linear).readWeight('g');
    const reference = await quantizeTensor({ data: original.data as Float32Array, shape: original.dims }, { type: 'int8', axis: 0, symmetric: true });
    const stored = model.readWeight(nodeNamed(model, 'gemm').input[1]);
    expect(stored.dims).toEqual([12, 10]);
    const transposed = new Int8Array(120);
    for (let n = 0; n < 10; n++) for (let k = 0; k < 12; k++) transposed[k * 10 + n] = (reference.quantized.data as Int8Array)[n * 12 + k];
    expect(stored.data).toEqual(transposed);

    const feeds = await randomInputs(run.input, { seed: 8, dims: { n: 16 } });
    const reference32 = await runOnnx(run.input, feeds);
    for (const level of ['all', 'disabled'] as const) {
      expect(compareOutputs(reference32, await runOnnx(run.bytes, feeds, { session: { graphOptimizationLevel: level } })).cosine).toBeGreaterThan(0.999);
    }
  }, 60_000);
});

describe('quantize-int8 targets and fallbacks', () => {
  it('does not support a target that runs no int8 (and refuses weight-only on one that runs only int8), saying why', async () => {
    const fp16Only = { ...getTarget('raspberry-pi-5'), precisions: ['fp32', 'fp16'] } as ReturnType<typeof getTarget>;
    await expect(testPlugin(plugin, { model: convModel(), target: fp16Only, calibration: { random: 2 } })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/does not run int8/),
    });
    await expect(testPlugin(plugin, { model: convModel(), target: 'coral-edge-tpu', params: { activations: 'float' } })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/computes in float, which .* cannot run/),
    });
  }, 30_000);

  it('mixed precision measures each layer and falls back the ones that quantize an outlier activation', async () => {
    const model = outlierModel();
    const calibration = { random: 8, seed: 2 };
    const feeds = await randomInputs(model, { seed: 77 });
    const reference = await runOnnx(model, feeds);
    const plain = await testPlugin(plugin, { model, target: 'xeon-platinum-8280', calibration });
    const plainCosine = compareOutputs(reference, await runOnnx(plain.bytes, feeds)).cosine;
    const mixed = await testPlugin(plugin, { model, target: 'xeon-platinum-8280', calibration, params: { mixedPrecision: { enabled: true, fidelity: 0.999, batches: 8, fallback: 'weights-int8' } } });
    const mixedCosine = compareOutputs(reference, await runOnnx(mixed.bytes, feeds)).cosine;
    expect(plainCosine).toBeLessThan(0.999);
    expect(mixedCosine).toBeGreaterThan(0.999);
    expect(mixed.result?.summary).toMatchObject({ fidelityReached: true, layersInt8: 1, layersWeightsInt8: 2 });
    // c1 and c2 both quantize the outlier tensor between them; c3 stays int8.
    expect(nodesOf(mixed.model, 'QuantizeLinear').length).toBeGreaterThan(0);
    expect(storedWeight(mixed.model, 'c3')?.form).toBe('dequantize-linear');
    expect(storedWeight(mixed.model, 'c1')?.form).toBe('cast-mul');
    expect(storedWeight(mixed.model, 'c2')?.form).toBe('cast-mul');
    expect(mixed.result?.notes?.join('\n')).toMatch(/c[12]: weights-int8, sensitive/);
  }, 120_000);

  it('latency-aware mode profiles both forms and only keeps int8 activations where they were measured faster', async () => {
    const run = await testPlugin(plugin, { model: convModel(), target: 'xeon-platinum-8280', calibration: { random: 4 }, params: { latencyAware: true, profileRuns: 5 } });
    const summary = run.result?.summary ?? {};
    expect(summary.latencyFp32Ms).toBeGreaterThan(0);
    expect(summary.latencyQuantizedMs).toBeGreaterThan(0);
    expect((summary.layersInt8 as number) + (summary.layersWeightsInt8 as number)).toBe(2);
    for (const note of run.result?.notes ?? []) {
      const measured = /int8 activations not faster on this runtime \(([\d.]+) ms vs ([\d.]+) ms fp32\)/.exec(note);
      if (measured !== null) expect(Number(measured[1])).toBeGreaterThanOrEqual(Number(measured[2]));
    }
  }, 120_000);
});
