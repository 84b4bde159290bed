import { createInProcessKernels, compareOutputs, randomInputs, readModel, runOnnx, testPlugin, type PluginTestRun } from '@edgepress/plugin-sdk/testing';
import plugin from '../src/index';
import { biasDequantizers, checkWithPythonOnnx, intAttribute, nodeNamed, nodesOf, producerOf, storedWeight } from './graph-queries';
import { chainModel, linearModel } from './models';

// The kernels' reference quantization, called directly (kernels-native in process), not through the plugin.
const { quantizeTensor } = createInProcessKernels();

// Tolerances: against fp32, what the QDQ output of the same model reaches on these held-out seeded
// inputs (chain 0.999; linear, whose 16 inputs are quantized to uint8 as a whole, 0.998, as its QDQ
// output does with this seed). Against the QDQ output of the same quantization, much closer: the
// two formats differ only where a float operator reads a value produced in float (QOperator gives
// it unquantized) and in the order of ONNX Runtime's integer arithmetic.
const COSINE_FP32 = { chain: 0.999, linear: 0.997 };
const COSINE_QDQ = 0.9995;
const TARGET = 'xeon-platinum-8280';
const calibration = { random: 8, seed: 1 };

async function expectClose(run: PluginTestRun, qdq: PluginTestRun, fp32Cosine: number, dims: Record<string, number> = {}): Promise<void> {
  const feeds = await randomInputs(run.input, { seed: 99, dims });
  const reference = await runOnnx(run.input, feeds);
  const qdqOutputs = await runOnnx(qdq.bytes, feeds);
  for (const level of ['all', 'disabled'] as const) {
    const outputs = await runOnnx(run.bytes, feeds, { session: { graphOptimizationLevel: level } });
    expect(compareOutputs(reference, outputs).cosine).toBeGreaterThan(fp32Cosine);
    expect(compareOutputs(qdqOutputs, outputs).cosine).toBeGreaterThan(COSINE_QDQ);
  }
}

describe('quantize-int8 static, QOperator format', () => {
  const chain = chainModel();

  it('writes int8 Convs as QLinearConv, uint8 between consecutive ones, QDQ only around float operators', async () => {
    const qdq = await testPlugin(plugin, { model: chain, target: TARGET, calibration });
    const run = await testPlugin(plugin, { model: chain, target: TARGET, calibration, params: { format: 'qoperator' } });
    const model = run.model;
    expect(['c1', 'c2', 'c3'].map((name) => nodeNamed(model, name).opType)).toEqual(['QLinearConv', 'QLinearConv', 'QLinearConv']);
    // c4 feeds the graph output, which stays float: it keeps the QDQ form.
    expect(nodeNamed(model, 'c4').opType).toBe('Conv');
    expect(storedWeight(model, 'c4')).toMatchObject({ form: 'dequantize-linear', axis: 0 });
    // c1 -> c2 -> c3 in uint8: each reads the previous one's output, and the Relus (implied by zero point 0) are gone.
    expect(nodeNamed(model, 'c2').input[0]).toBe(nodeNamed(model, 'c1').output[0]);
    expect(nodeNamed(model, 'c3').input[0]).toBe(nodeNamed(model, 'c2').output[0]);
    expect(nodesOf(model, 'Relu')).toHaveLength(0);
    // The hard swish reads c3's output through one DequantizeLinear that writes the original name; x and
    // the swish output are quantized once each (c4 reads its input through QuantizeLinear + DequantizeLinear).
    expect(producerOf(model, 'h3')?.opType).toBe('DequantizeLinear');
    expect(nodesOf(model, 'QuantizeLinear').map((node) => node.input[0]).sort()).toEqual(['m3', 'x']);
    expect(nodesOf(model, 'DequantizeLinear')).toHaveLength(4);
    expect(nodesOf(qdq.model, 'DequantizeLinear').length).toBeGreaterThan(12);
    // int32 biases read by QLinearConv directly (implied scale x_scale x w_scale): no bias DequantizeLinear, no bias scale Mul.
    for (const name of ['c1', 'c2', 'c3']) expect(model.readWeight(nodeNamed(model, name).input[8]).data).toBeInstanceOf(Int32Array);
    expect(biasDequantizers(model).map((node) => node.output[0])).toEqual([nodeNamed(model, 'c4').input[2]]);
    expect(biasDequantizers(qdq.model)).toHaveLength(4);
    expect(nodesOf(model, 'Mul')).toHaveLength(2);
    // The depthwise Conv keeps its group, strides and pads; defaults and kernel_shape (implied by the weight) are not written.
    const c2 = nodeNamed(model, 'c2');
    expect(intAttribute(c2, 'group')).toBe(8);
    expect(c2.attribute.map((attribute) => attribute.name).sort()).toEqual(['group', 'pads', 'strides']);
    expect(nodeNamed(model, 'c3').attribute).toHaveLength(0);
    expect(run.result?.summary).toMatchObject({ layersInt8: 4, layersQOperator: 3, scheme: expect.stringMatching(/^static QOperator/) });
    expect(run.bytes.byteLength).toBeLessThan(qdq.bytes.byteLength);

    checkWithPythonOnnx(run.bytes);
    await expectClose(run, qdq, COSINE_FP32.chain);
  }, 60_000);

  it('stores exactly the int8 weights of the kernels\' reference quantization, with per-channel scales and zero points of 0', async () => {
    const run = await testPlugin(plugin, { model: chain, target: TARGET, calibration, params: { format: 'qoperator' } });
    const original = readModel(chain);
    for (const [layer, weightName] of [['c1', 'w1'], ['c2', 'w2'], ['c3', 'w3']] as const) {
      const weight = original.readWeight(weightName);
      const reference = await quantizeTensor({ data: weight.data as Float32Array, shape: weight.dims }, { type: 'int8', axis: 0, symmetric: true });
      const stored = storedWeight(run.model, layer);
      expect(stored).toMatchObject({ form: 'qlinear', axis: 0, dims: weight.dims });
      expect(stored?.values).toEqual(reference.quantized.data);
      expect(stored?.scales).toEqual(reference.params.scale);
      // w_zero_point has w_scale's shape (the ONNX spec asks for it), all zeros for symmetric weights.
      const zeroPoint = run.model.readWeight(nodeNamed(run.model, layer).input[5]);
      expect(zeroPoint.dims).toEqual([weight.dims[0]]);
      expect([...(zeroPoint.data as Int8Array)].every((value) => value === 0)).toBe(true);
    }
  }, 60_000);

  it('writes per-tensor scales with scalar zero points (Edge TPU), and 7-bit weights (no VNNI)', async () => {
    const tpu = await testPlugin(plugin, { model: chain, target: 'coral-edge-tpu', calibration, params: { format: 'qoperator' } });
    const avx2 = await testPlugin(plugin, { model: chain, target: 'xeon-e5-2690-v4', calibration, params: { format: 'qoperator' } });
    for (const layer of ['c1', 'c2', 'c3']) {
      expect(storedWeight(tpu.model, layer)).toMatchObject({ form: 'qlinear', axis: undefined, scales: expect.objectContaining({ length: 1 }) });
      expect(tpu.model.readWeight(nodeNamed(tpu.model, layer).input[5]).dims).toEqual([]);
      expect(Math.max(...(storedWeight(avx2.model, layer) as { values: Int8Array }).values.map(Math.abs))).toBe(63);
    }
    for (const run of [tpu, avx2]) {
      checkWithPythonOnnx(run.bytes);
      const feeds = await randomInputs(run.input, { seed: 99 });
      expect(compareOutputs(await runOnnx(run.input, feeds), await runOnnx(run.bytes, feeds)).cosine).toBeGreaterThan(0.99);
    }
  }, 60_000);

  it('writes MatMul as QLinearMatMul (per-column scales) with its bias Add in float, and keeps Gemm in QDQ form', async () => {
    const linear = linearModel();
    const qdq = await testPlugin(plugin, { model: linear, target: TARGET, calibration });
    const run = await testPlugin(plugin, { model: linear, target: TARGET, calibration, params: { format: 'qoperator' } });
    const model = run.model;
    expect(nodeNamed(model, 'mm').opType).toBe('QLinearMatMul');
    expect(storedWeight(model, 'mm')).toMatchObject({ form: 'qlinear', axis: 1, dims: [16, 12] });
    expect(producerOf(model, nodeNamed(model, 'mm_bias').input[0])?.opType).toBe('DequantizeLinear');
    expect(nodeNamed(model, 'gemm').opType).toBe('Gemm');
    expect(storedWeight(model, 'gemm')).toMatchObject({ form: 'dequantize-linear', axis: 0 });
    expect(run.result?.summary).toMatchObject({ layersInt8: 2, layersQOperator: 1 });
    checkWithPythonOnnx(run.bytes);
    await expectClose(run, qdq, COSINE_FP32.linear, { n: 32 });
  }, 60_000);

  it('keeps a layer in QDQ form where its Relu is not implied (int8 symmetric activations), and around fp32 layers', async () => {
    const symmetric = await testPlugin(plugin, { model: chain, target: TARGET, calibration, params: { format: 'qoperator', activations: 'int8-symmetric' } });
    // Symmetric int8 can hold negative values, so the Relus stay and c1, c2 stay QDQ; c3 has no activation.
    expect(['c1', 'c2', 'c3'].map((name) => nodeNamed(symmetric.model, name).opType)).toEqual(['Conv', 'Conv', 'QLinearConv']);
    expect(nodesOf(symmetric.model, 'Relu')).toHaveLength(2);
    expect(symmetric.model.readWeight(nodeNamed(symmetric.model, 'c3').input[2]).data).toBeInstanceOf(Int8Array);
    checkWithPythonOnnx(symmetric.bytes);
    await expectClose(symmetric, await testPlugin(plugin, { model: chain, target: TARGET, calibration, params: { activations: 'int8-symmetric' } }), COSINE_FP32.chain);

    const excluded = await testPlugin(plugin, { model: chain, target: TARGET, calibration, params: { format: 'qoperator', exclude: ['c2'] } });
    expect(['c1', 'c2', 'c3'].map((name) => nodeNamed(excluded.model, name).opType)).toEqual(['QLinearConv', 'Conv', 'QLinearConv']);
    expect(excluded.model.readWeight(nodeNamed(excluded.model, 'c2').input[1]).data).toBeInstanceOf(Float32Array);
    // c2 reads c1's output in float (DequantizeLinear) and its Relu output is quantized for c3.
    expect(producerOf(excluded.model, nodeNamed(excluded.model, 'c2').input[0])?.opType).toBe('DequantizeLinear');
    expect(producerOf(excluded.model, nodeNamed(excluded.model, 'c3').input[0])?.opType).toBe('QuantizeLinear');
    checkWithPythonOnnx(excluded.bytes);
    await expectClose(excluded, await testPlugin(plugin, { model: chain, target: TARGET, calibration, params: { exclude: ['c2'] } }), COSINE_FP32.chain);
  }, 90_000);
});
