/**
 * Hard swish written as Add/Clip/Mul/Div (as paddle2onnx writes it at opset 9) becomes
 * Mul(x, HardSigmoid(x)) before quantization (toolkit fuseHardSwish; which shapes match is
 * tested in libs/plugin-sdk). Here, on a python-built opset-9 model with two exact chains (Div
 * after the Mul; Mul by 1/6 before it, constants as Constant nodes and initializers) and three
 * near misses (Clip max 5, Add 2, a Clip output read twice): the exact ones are fused, the near
 * misses untouched, the float model computes the same function (reference: ONNX Runtime on the
 * original), and both formats still quantize the fused Mul's output.
 */
import { compareOutputs, pythonModels, randomInputs, runOnnx, testPlugin, type OnnxModel } from '@edgepress/plugin-sdk/testing';
import plugin from '../src/index';
import { nodeNamed, nodesOf, producerOf } from './graph-queries';

const TARGET = 'xeon-platinum-8280';
const calibration = { random: 8, seed: 1 };
const LAYERS = ['c1', 'c2', 'c3', 'c4'];

const { swish } = pythonModels(`
rng = np.random.default_rng(0)
f = lambda a: np.asarray(a, dtype=np.float32)
def const(name, v): return helper.make_node('Constant', [], [name], name=name + '_node', value=numpy_helper.from_array(f(v)))
def chain(prefix, x, add, clip_max, y, gate_reader=None):
    return [
        const(prefix + '_k', add), const(prefix + '_six', 6),
        helper.make_node('Add', [x, prefix + '_k'], [prefix + '_t'], name=prefix + '_add'),
        helper.make_node('Clip', [prefix + '_t'], [prefix + '_c'], name=prefix + '_clip', min=0.0, max=float(clip_max)),
        helper.make_node('Mul', [x, prefix + '_c'], [prefix + '_m'], name=prefix + '_mul'),
        helper.make_node('Div', [prefix + '_m', prefix + '_six'], [y], name=prefix + '_div'),
    ]
nodes = [helper.make_node('Conv', ['x', 'w1', 'b1'], ['h1'], name='c1', pads=[1, 1, 1, 1], kernel_shape=[3, 3])]
nodes += chain('hs1', 'h1', 3, 6, 'a1')
nodes += [
    helper.make_node('Conv', ['a1', 'w2', 'b2'], ['h2'], name='c2', kernel_shape=[1, 1]),
    helper.make_node('Add', ['three', 'h2'], ['hs2_t'], name='hs2_add'),
    helper.make_node('Clip', ['hs2_t'], ['hs2_c'], name='hs2_clip', min=0.0, max=6.0),
    helper.make_node('Mul', ['hs2_c', 'sixth'], ['hs2_d'], name='hs2_scale'),
    helper.make_node('Mul', ['hs2_d', 'h2'], ['a2'], name='hs2_mul'),
    helper.make_node('Conv', ['a2', 'w3', 'b3'], ['h3'], name='c3', kernel_shape=[1, 1]),
]
nodes += chain('max5', 'h3', 3, 5, 'n1') + chain('add2', 'h3', 2, 6, 'n2') + chain('shared', 'h3', 3, 6, 'n3')
nodes += [
    helper.make_node('Add', ['n3', 'shared_c'], ['n3s'], name='shared_reader'),
    helper.make_node('Add', ['n1', 'n2'], ['n12'], name='sum1'),
    helper.make_node('Add', ['n12', 'n3s'], ['s'], name='sum2'),
    helper.make_node('Conv', ['s', 'w4', 'b4'], ['y'], name='c4', kernel_shape=[1, 1]),
]
weights = {'w1': f(rng.normal(0, 0.4, (8, 4, 3, 3))), 'b1': f(rng.normal(0, 0.5, 8)), 'w2': f(rng.normal(0, 0.5, (8, 8, 1, 1))), 'b2': f(rng.normal(0, 0.5, 8)),
           'w3': f(rng.normal(0, 0.5, (8, 8, 1, 1))), 'b3': f(rng.normal(0, 0.5, 8)), 'w4': f(rng.normal(0, 0.4, (6, 8, 1, 1))), 'b4': f(rng.normal(0, 0.1, 6)),
           'three': f(3), 'sixth': f(1 / 6)}
save('swish', nodes, [value('x', [1, 4, 8, 8])], [value('y', [1, 6, 8, 8])], weights, opset=9)
`);

function unreadWeights(model: OnnxModel): string[] {
  const read = new Set(model.graph.nodes.flatMap((node) => node.input));
  return model.weights().map((weight) => weight.name).filter((name) => !read.has(name));
}

describe('quantize-int8: hard swish as HardSigmoid + Mul', () => {
  it('fuses the two exact chains, leaves the near misses, and computes the same float function', async () => {
    // Every layer excluded: the output is the prepared float model (BatchNorm folding, hard swish fusion, opset 13).
    const fused = await testPlugin(plugin, { model: swish, target: TARGET, calibration, params: { exclude: LAYERS } });
    const kept = await testPlugin(plugin, { model: swish, target: TARGET, calibration, params: { exclude: LAYERS, fuseHardSwish: false } });
    expect(fused.result?.summary).toMatchObject({ hardSwishFused: 2 });
    expect(kept.result?.summary).not.toHaveProperty('hardSwishFused');

    const model = fused.model;
    expect(nodesOf(model, 'HardSigmoid').map((node) => [node.name, node.input[0]])).toEqual([['hs1_clip', 'h1'], ['hs2_clip', 'h2']]);
    expect(nodesOf(model, 'HardSigmoid').every((node) => node.attribute.map((attribute) => [attribute.name, attribute.f]).sort().join() === `alpha,${Math.fround(1 / 6)},beta,0.5`)).toBe(true);
    for (const [mul, x, y] of [['hs1_mul', 'h1', 'a1'], ['hs2_mul', 'h2', 'a2']]) {
      expect(nodeNamed(model, mul)).toMatchObject({ opType: 'Mul', output: [y] });
      expect(nodeNamed(model, mul).input[0]).toBe(x);
      expect(producerOf(model, nodeNamed(model, mul).input[1])?.opType).toBe('HardSigmoid');
    }
    expect(model.graph.nodes.filter((node) => node.name.startsWith('hs')).map((node) => node.opType).sort()).toEqual(['HardSigmoid', 'HardSigmoid', 'Mul', 'Mul']);
    for (const prefix of ['max5', 'add2', 'shared']) {
      expect(['add', 'clip', 'mul', 'div'].map((suffix) => nodeNamed(model, `${prefix}_${suffix}`).opType)).toEqual(['Add', 'Clip', 'Mul', 'Div']);
    }
    // Each fused chain's constants (3, 6 or 1/6, and the Clip bounds the opset raise made inputs) are gone; nothing is left unread.
    expect(unreadWeights(model)).toEqual([]);
    expect(kept.model.weights().length - model.weights().length).toBe(8);
    // Two nodes fewer per chain, and hs1's two Constant nodes.
    expect(kept.model.graph.nodes.length - model.graph.nodes.length).toBe(6);

    const feeds = await randomInputs(swish, { seed: 7, distribution: 'normal' });
    const reference = await runOnnx(swish, feeds);
    for (const level of ['all', 'disabled'] as const) {
      const comparison = compareOutputs(reference, await runOnnx(fused.bytes, feeds, { session: { graphOptimizationLevel: level } }));
      expect(comparison.cosine).toBeGreaterThan(0.99999);
      expect(comparison.maxAbsError).toBeLessThan(1e-5);
    }
  }, 60_000);

  it.each(['qdq', 'qoperator'] as const)('quantizes the fused model in %s format, the Mul output included', async (format) => {
    const run = await testPlugin(plugin, { model: swish, target: TARGET, calibration, params: { format } });
    expect(run.result?.summary).toMatchObject({ hardSwishFused: 2, layersInt8: 4 });
    expect(nodesOf(run.model, 'HardSigmoid')).toHaveLength(2);
    // c2 and c3 read the fused Muls' outputs quantized.
    expect(nodesOf(run.model, 'QuantizeLinear').map((node) => node.input[0])).toEqual(expect.arrayContaining(['a1', 'a2']));
    // Inputs drawn like the calibration data (uniform), so that the calibrated ranges hold.
    const feeds = await randomInputs(swish, { seed: 7 });
    expect(compareOutputs(await runOnnx(swish, feeds), await runOnnx(run.bytes, feeds)).cosine).toBeGreaterThan(0.995);
  }, 60_000);
});
