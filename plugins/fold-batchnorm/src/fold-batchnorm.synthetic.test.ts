/**
 * fold-batchnorm on small python-onnx models covering each fold: Conv with and without bias,
 * grouped ConvTranspose, Gemm (alpha/beta, with and without C), MatMul by a constant, Conv
 * followed by Mul/Add/Sub/Div by constants, a weight shared by two layers, BatchNormalization of a
 * weight, and a BatchNormalization that cannot be folded. Reference: ONNX Runtime on the original.
 */
import { readModel, runOnnx, testPlugin, type OnnxFeed, type OnnxOutput } from '@edgepress/plugin-sdk/testing';
import foldBatchNorm from './index';
import { pythonModels } from './test-support/python-models';

const models = pythonModels(`
def bn(prefix, c):
    return {prefix + '_s': w(c) + 1, prefix + '_b': w(c), prefix + '_m': w(c), prefix + '_v': np.abs(w(c)) + 0.3}
def bn_node(x, y, prefix, **attrs):
    return node('BatchNormalization', [x, prefix + '_s', prefix + '_b', prefix + '_m', prefix + '_v'], [y], prefix, **attrs)
save('layers', [
    node('Conv', ['x', 'c1_w'], ['c1'], 'c1', pads=[1,1,1,1]), bn_node('c1', 'n1', 'bn1', epsilon=1e-3), node('Relu', ['n1'], ['r1'], 'r1'),
    node('Conv', ['r1', 'c2_w', 'c2_b'], ['c2'], 'c2'), bn_node('c2', 'y1', 'bn2'),
    node('ConvTranspose', ['r1', 't_w', 't_b'], ['t'], 'convT', group=2, strides=[2, 2]), bn_node('t', 'y2', 'bn3'),
    node('Conv', ['x', 'a_w'], ['a'], 'affine'), node('Mul', ['a', 'scale'], ['a1'], 'mul'), node('Add', ['half', 'a1'], ['a2'], 'add'),
    node('Sub', ['a2', 'shift'], ['a3'], 'sub'), node('Div', ['a3', 'two'], ['a4'], 'div'), node('Relu', ['a4'], ['y3'], 'r3'),
    node('Conv', ['x', 'shared_w'], ['s1'], 's1'), bn_node('s1', 'y4', 'bn4'), node('Conv', ['x', 'shared_w'], ['s2'], 's2'), bn_node('s2', 'y5', 'bn5'),
    bn_node('const_x', 'cbn', 'bn6'), node('Add', ['x', 'cbn'], ['y6'], 'add_const'),
    node('Conv', ['x', 'k_w'], ['k'], 'k'), bn_node('k', 'kn', 'bn7'), node('Relu', ['k'], ['kr'], 'kr'), node('Add', ['kn', 'kr'], ['y7'], 'add_k'),
  ], [('x', [1, 3, 6, 6])], [('y1', 4), ('y2', 4), ('y3', 4), ('y4', 4), ('y5', 4), ('y6', 4), ('y7', 4)],
  {'c1_w': w(4, 3, 3, 3), 'c2_w': w(5, 4, 1, 1), 'c2_b': w(5), 't_w': w(4, 3, 2, 2), 't_b': w(6), 'a_w': w(4, 3, 1, 1),
   'scale': w(1, 4, 1, 1), 'half': np.array(0.5, dtype=np.float32), 'shift': w(4, 1, 1), 'two': np.array([2.0], dtype=np.float32),
   'shared_w': w(3, 3, 1, 1), 'const_x': w(1, 3, 6, 6), 'k_w': w(3, 3, 1, 1),
   **bn('bn1', 4), **bn('bn2', 5), **bn('bn3', 6), **bn('bn4', 3), **bn('bn5', 3), **bn('bn6', 3), **bn('bn7', 3)})
save('dense', [
    node('Gemm', ['x', 'g1_w', 'g1_c'], ['g1'], 'g1', transB=1, alpha=0.5, beta=2.0), bn_node('g1', 'y1', 'bn1'),
    node('Gemm', ['x', 'g2_w'], ['g2'], 'g2'), bn_node('g2', 'y2', 'bn2'),
    node('MatMul', ['x', 'm_w'], ['m'], 'mm'), bn_node('m', 'y3', 'bn3'),
  ], [('x', [4, 8])], [('y1', 2), ('y2', 2), ('y3', 2)],
  {'g1_w': w(5, 8), 'g1_c': w(5), 'g2_w': w(8, 6), 'm_w': w(8, 7), **bn('bn1', 5), **bn('bn2', 6), **bn('bn3', 7)})
`);

function feed(dims: number[], seed: number): OnnxFeed {
  let state = seed;
  const data = Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 1073741824 - 1;
  });
  return { dims, data };
}

/** Max abs error relative to the output's largest magnitude, per output. */
function relativeErrors(reference: Record<string, OnnxOutput>, folded: Record<string, OnnxOutput>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(reference).map(([name, output]) => {
      const a = output.data as Float32Array;
      const b = folded[name].data as Float32Array;
      expect([...folded[name].dims]).toEqual([...output.dims]);
      let error = 0;
      let scale = 0;
      for (let i = 0; i < a.length; i++) {
        error = Math.max(error, Math.abs(a[i] - b[i]));
        scale = Math.max(scale, Math.abs(a[i]));
      }
      return [name, error / Math.max(scale, 1e-30)];
    }),
  );
}

function opCount(bytes: Uint8Array, opType: string): number {
  return readModel(bytes).graph.nodes.filter((node) => node.opType === opType).length;
}

describe('fold-batchnorm on synthetic models (reference: ONNX Runtime on the original)', () => {
  it('folds BN into Conv, grouped ConvTranspose and shared weights, Mul/Add/Sub/Div chains, and BN of a weight', async () => {
    const run = await testPlugin(foldBatchNorm, { model: models.layers, target: 'xeon-e5-2690-v4' });
    const x = feed([1, 3, 6, 6], 1);
    const errors = relativeErrors(await runOnnx(models.layers, { x }), await runOnnx(run.bytes, { x }));
    for (const error of Object.values(errors)) expect(error).toBeLessThan(1e-5);
    expect(opCount(run.bytes, 'BatchNormalization')).toBe(1);
    for (const op of ['Mul', 'Sub', 'Div']) expect(opCount(run.bytes, op)).toBe(0);
    expect(run.result?.summary).toMatchObject({ layers: 6, batchNorms: 5, elementwise: 4, constantBatchNorms: 1, batchNormsLeft: 1 });
    expect(run.result?.notes?.join('\n')).toMatch(/bn7: kept, its input comes from Conv k/);
    // The shared weight is still read by both convolutions, each through its own folded copy.
    const model = readModel(run.bytes);
    const inputs = ['s1', 's2'].map((name) => model.graph.nodes.find((node) => node.name === name)!.input[1]);
    expect(new Set(inputs).size).toBe(2);
    expect(model.weight('shared_w')).toBeUndefined();
  });

  it('folds BN into Gemm (alpha, beta, with and without C) and MatMul by a constant (+ one Add)', async () => {
    const run = await testPlugin(foldBatchNorm, { model: models.dense, target: 'xeon-e5-2690-v4' });
    const x = feed([4, 8], 2);
    const errors = relativeErrors(await runOnnx(models.dense, { x }), await runOnnx(run.bytes, { x }));
    for (const error of Object.values(errors)) expect(error).toBeLessThan(1e-5);
    expect(opCount(run.bytes, 'BatchNormalization')).toBe(0);
    expect(opCount(run.bytes, 'Add')).toBe(1);
  });

  it('with foldElementwise: false leaves Mul/Add chains alone', async () => {
    const run = await testPlugin(foldBatchNorm, { model: models.layers, target: 'xeon-e5-2690-v4', params: { foldElementwise: false, exclude: ['c2'] } });
    expect(opCount(run.bytes, 'Mul')).toBe(1);
    expect(opCount(run.bytes, 'BatchNormalization')).toBe(2);
    const x = feed([1, 3, 6, 6], 3);
    for (const error of Object.values(relativeErrors(await runOnnx(models.layers, { x }), await runOnnx(run.bytes, { x })))) expect(error).toBeLessThan(1e-5);
  });

  it('runs in the sandbox like in process', async () => {
    const entry = require.resolve('./index');
    const inProcess = await testPlugin(foldBatchNorm, { model: models.dense, target: 'xeon-e5-2690-v4' });
    const sandboxed = await testPlugin(foldBatchNorm, { model: models.dense, target: 'xeon-e5-2690-v4', sandbox: true, entry });
    expect(sandboxed.result).toEqual(inProcess.result);
    expect(Buffer.from(sandboxed.bytes).equals(Buffer.from(inProcess.bytes))).toBe(true);
  }, 60_000);
});
