import { createInProcessKernels, compareOutputs, randomInputs, readModel, runOnnx, testPlugin } from '@edgepress/plugin-sdk/testing';

// The kernels' reference quantization, called directly (kernels-native in process), not through the plugin.
const { quantizeTensor } = createInProcessKernels();
import path from 'node:path';
import plugin from '../src/index';
import { checkWithPythonOnnx, intAttribute, nodeNamed, nodesOf, producerOf, storedWeight } from './graph-queries';
import { convModel, linearModel, residualModel } from './models';

// Tolerances: outputs of a two-layer model quantized to int8 keep a cosine above 0.999 against
// fp32 on inputs the calibration did not see (seeded uniform inputs, as the calibration data).
const COSINE = 0.999;

describe('quantize-int8 static (QDQ) on small models', () => {
  const conv = convModel();
  const linear = linearModel();
  const calibration = { random: 8, seed: 1 };

  it('writes a QDQ model that loads at every optimization level and matches fp32 on held-out inputs', async () => {
    const run = await testPlugin(plugin, { model: conv, target: 'xeon-platinum-8280', calibration });
    const model = run.model;
    expect(nodesOf(model, 'QuantizeLinear').length).toBeGreaterThanOrEqual(2);
    for (const layer of ['conv1', 'conv2']) {
      const weight = storedWeight(model, layer);
      expect(weight).toMatchObject({ form: 'dequantize-linear', axis: 0 });
      // The input is read through a DequantizeLinear fed by a QuantizeLinear (a quantized activation).
      const input = producerOf(model, nodeNamed(model, layer).input[0]);
      expect(input?.opType).toBe('DequantizeLinear');
      expect(producerOf(model, input?.input[0] ?? '')?.opType).toBe('QuantizeLinear');
      // int32 bias whose scale is computed as input_scale x weight_scale.
      const bias = producerOf(model, nodeNamed(model, layer).input[2]);
      expect(bias?.opType).toBe('DequantizeLinear');
      expect(model.readWeight(bias?.input[0] ?? '').data).toBeInstanceOf(Int32Array);
      expect(producerOf(model, bias?.input[1] ?? '')?.opType).toBe('Mul');
    }
    // Relu's output is what gets quantized (ONNX Runtime then drops the Relu into QLinearConv).
    expect(producerOf(model, nodesOf(model, 'QuantizeLinear').map((node) => node.input[0]).find((input) => producerOf(model, input)?.opType === 'Relu') ?? '')).toBeDefined();
    expect(run.result?.summary).toMatchObject({ mode: 'static', perChannel: true, reduceRange: false, layersInt8: 2, layersFp32: 0 });
    // Inserted nodes go before their readers: the node list stays topologically sorted without the pipeline's sort.
    checkWithPythonOnnx(run.bytes);

    const feeds = await randomInputs(run.input, { seed: 99 });
    const reference = await runOnnx(run.input, feeds);
    for (const level of ['all', 'disabled'] as const) {
      const fidelity = compareOutputs(reference, await runOnnx(run.bytes, feeds, { session: { graphOptimizationLevel: level } }));
      expect(fidelity.cosine).toBeGreaterThan(COSINE);
    }
  }, 60_000);

  it('stores exactly the int8 weights of the kernels\' reference quantization (kernels-native, independently)', async () => {
    const run = await testPlugin(plugin, { model: conv, target: 'xeon-platinum-8280', calibration });
    const original = readModel(conv);
    for (const [layer, weightName] of [['conv1', 'w1'], ['conv2', 'w2']] as const) {
      const weight = original.readWeight(weightName);
      const reference = await quantizeTensor({ data: weight.data as Float32Array, shape: weight.dims }, { type: 'int8', axis: 0, symmetric: true });
      const stored = storedWeight(run.model, layer);
      expect(stored?.dims).toEqual(weight.dims);
      expect(Buffer.from(stored?.values.buffer ?? new ArrayBuffer(0), stored?.values.byteOffset, stored?.values.byteLength)).toEqual(
        Buffer.from(reference.quantized.data.buffer, reference.quantized.data.byteOffset, reference.quantized.data.byteLength),
      );
      expect(stored?.scales).toEqual(reference.params.scale);
    }
  }, 60_000);

  it('follows the target: 7-bit weights where u8 x s8 sums saturate (no VNNI), 8-bit with VNNI, per-tensor on the Edge TPU', async () => {
    const avx2 = await testPlugin(plugin, { model: conv, target: 'xeon-e5-2690-v4', calibration });
    const vnni = await testPlugin(plugin, { model: conv, target: 'xeon-platinum-8280', calibration });
    const tpu = await testPlugin(plugin, { model: conv, target: 'coral-edge-tpu', calibration });
    const range = (values: Int8Array) => [Math.min(...values), Math.max(...values)];
    for (const layer of ['conv1', 'conv2']) {
      const [low, high] = range((storedWeight(avx2.model, layer) as { values: Int8Array }).values);
      expect(low).toBeGreaterThanOrEqual(-64);
      expect(high).toBeLessThanOrEqual(63);
      expect(Math.max(-low, high)).toBe(63);
      const [low8, high8] = range((storedWeight(vnni.model, layer) as { values: Int8Array }).values);
      expect(Math.max(-low8, high8)).toBe(127);
      const perTensor = storedWeight(tpu.model, layer);
      expect(perTensor?.axis).toBeUndefined();
      expect(perTensor?.scales).toHaveLength(1);
    }
    expect(avx2.result?.summary).toMatchObject({ reduceRange: true, perChannel: true });
    expect(avx2.result?.notes?.join('\n')).toMatch(/7-bit weights \(reduce_range\)/);
    expect(tpu.result?.summary).toMatchObject({ reduceRange: false, perChannel: false });
    expect(tpu.result?.notes?.join('\n')).toMatch(/per-tensor weight scales: .*Edge TPU/);
    // Asked explicitly, reduce_range wins over the target.
    const forced = await testPlugin(plugin, { model: conv, target: 'xeon-platinum-8280', calibration, params: { reduceRange: true } });
    expect(Math.max(...(storedWeight(forced.model, 'conv1') as { values: Int8Array }).values.map(Math.abs))).toBe(63);
  }, 90_000);

  it('honours include/exclude by node name and op type', async () => {
    const excluded = await testPlugin(plugin, { model: conv, target: 'xeon-platinum-8280', calibration, params: { exclude: ['conv2'] } });
    expect(storedWeight(excluded.model, 'conv1')).toBeDefined();
    expect(storedWeight(excluded.model, 'conv2')).toBeUndefined();
    expect(excluded.model.readWeight(nodeNamed(excluded.model, 'conv2').input[1]).data).toBeInstanceOf(Float32Array);
    const included = await testPlugin(plugin, { model: linear, target: 'xeon-platinum-8280', calibration, params: { include: ['gemm'] } });
    expect(storedWeight(included.model, 'mm')).toBeUndefined();
    expect(storedWeight(included.model, 'gemm')).toMatchObject({ axis: 0 });
    const matmulsOnly = await testPlugin(plugin, { model: linear, target: 'xeon-platinum-8280', calibration, params: { opTypes: ['MatMul'] } });
    expect(storedWeight(matmulsOnly.model, 'mm')).toMatchObject({ axis: 1 });
    expect(storedWeight(matmulsOnly.model, 'gemm')).toBeUndefined();
    await expect(testPlugin(plugin, { model: conv, target: 'xeon-platinum-8280', calibration, params: { exclude: ['conv9'] } })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/'conv9' is not in it/),
    });
  }, 60_000);

  it('quantizes MatMul (per column) and Gemm (transB, per row) and keeps them close to fp32', async () => {
    const run = await testPlugin(plugin, { model: linear, target: 'xeon-platinum-8280', calibration });
    expect(storedWeight(run.model, 'mm')).toMatchObject({ axis: 1, dims: [16, 12] });
    expect(storedWeight(run.model, 'gemm')).toMatchObject({ axis: 0, dims: [10, 12] });
    const feeds = await randomInputs(run.input, { seed: 5, dims: { n: 32 } });
    expect(compareOutputs(await runOnnx(run.input, feeds), await runOnnx(run.bytes, feeds)).cosine).toBeGreaterThan(COSINE);
  }, 60_000);

  it('weight-only (float activations) stores int8 weights read through Cast + Mul and no activation quantization', async () => {
    const run = await testPlugin(plugin, { model: conv, target: 'xeon-platinum-8280', params: { activations: 'float' } });
    expect(nodesOf(run.model, 'QuantizeLinear')).toHaveLength(0);
    expect(storedWeight(run.model, 'conv1')).toMatchObject({ form: 'cast-mul', axis: 0 });
    expect(run.result?.summary).toMatchObject({ layersWeightsInt8: 2, layersInt8: 0 });
    const feeds = await randomInputs(run.input, { seed: 3 });
    expect(compareOutputs(await runOnnx(run.input, feeds), await runOnnx(run.bytes, feeds)).cosine).toBeGreaterThan(0.9999);
    expect(intAttribute(nodesOf(run.model, 'Cast')[0], 'to')).toBe(1);
  }, 60_000);

  it('wraps the chosen activation-only ops (Add, MaxPool) in QDQ so that ONNX Runtime can run them in int8', async () => {
    const model = residualModel();
    const plain = await testPlugin(plugin, { model, target: 'xeon-platinum-8280', calibration });
    const wrapped = await testPlugin(plugin, { model, target: 'xeon-platinum-8280', calibration, params: { activationOps: ['Add', 'MaxPool'] } });
    const quantizedValues = (run: typeof plain) => new Set(nodesOf(run.model, 'QuantizeLinear').map((node) => node.input[0]));
    // Without activation ops, 's' (Add's output) and 'p' (MaxPool's output, head's input) are quantized only where a Conv needs them.
    expect(quantizedValues(plain).has('s')).toBe(false);
    expect(quantizedValues(plain).has('p')).toBe(true);
    expect(quantizedValues(wrapped).has('s')).toBe(true);
    for (const node of ['sum', 'pool']) expect(nodeNamed(wrapped.model, node).input.every((input) => producerOf(wrapped.model, input)?.opType === 'DequantizeLinear')).toBe(true);
    expect(wrapped.result?.summary).toMatchObject({ activationOpsInt8: 2, layersInt8: 3 });
    const feeds = await randomInputs(model, { seed: 4 });
    expect(compareOutputs(await runOnnx(model, feeds), await runOnnx(wrapped.bytes, feeds)).cosine).toBeGreaterThan(COSINE);
  }, 60_000);

  it('runs the same in the sandbox (bundled, isolated-vm) as in process', async () => {
    const inProcess = await testPlugin(plugin, { model: linear, target: 'xeon-e5-2690-v4', calibration });
    const sandboxed = await testPlugin(plugin, { model: linear, target: 'xeon-e5-2690-v4', calibration, sandbox: true, entry: path.join(__dirname, '..', 'src', 'index.ts') });
    expect(Buffer.from(sandboxed.bytes).equals(Buffer.from(inProcess.bytes))).toBe(true);
    expect(sandboxed.result).toEqual(inProcess.result);
  }, 120_000);

  it('needs calibration data for static activations, and says so', async () => {
    await expect(testPlugin(plugin, { model: conv, target: 'xeon-platinum-8280' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/calibration data/) });
  }, 30_000);
});
