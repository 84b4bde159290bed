/**
 * fold-constants on a python-onnx model whose weight-only subgraph uses every folded operator
 * (float, int32, int64 and bool; negative Slice steps, INT64 end markers, negative Gather
 * indices, broadcasting), each result read by a node that depends on a graph input and so stays.
 * Reference: ONNX Runtime on the original; the folded model must give bit-identical outputs.
 */
import { compareOutputs, readModel, runOnnx, testPlugin, type OnnxFeed } from '@edgepress/plugin-sdk/testing';
import foldConstants from './index';
import { pythonModels } from './test-support/python-models';

const models = pythonModels(`
I64 = lambda *v: np.array(v, dtype=np.int64)
F32 = lambda *v: np.array(v, dtype=np.float32)
big = np.iinfo(np.int64)
nodes = [
  node('Transpose', ['w'], ['t'], 'transpose', perm=[2, 0, 1]),
  node('Reshape', ['t', 'shape46'], ['r'], 'reshape'),
  node('Unsqueeze', ['r', 'axis0'], ['u'], 'unsqueeze'),
  node('Squeeze', ['u', 'axis0'], ['sq'], 'squeeze'),
  node('Slice', ['sq', 'starts', 'ends', 'axes1', 'steps'], ['sl'], 'slice'),
  node('Slice', ['sq', 'starts2', 'ends2'], ['sl2'], 'slice_to_end'),
  node('Gather', ['sl', 'indices'], ['g'], 'gather'),
  node('Expand', ['row', 'shape23'], ['e'], 'expand'),
  node('Add', ['g', 'e'], ['a'], 'add'),
  node('Mul', ['a', 'w3'], ['m'], 'mul'),
  node('Div', ['m', 'three'], ['d'], 'div'),
  node('Abs', ['d'], ['ab'], 'abs'), node('Sqrt', ['ab'], ['s'], 'sqrt'), node('Neg', ['s'], ['n'], 'neg'),
  node('Sub', ['s', 'three'], ['sb'], 'sub'), node('Reciprocal', ['sb'], ['rc'], 'reciprocal'),
  node('Greater', ['a', 'zero'], ['pos'], 'greater'), node('Where', ['pos', 'a', 'n'], ['wh'], 'where'),
  node('Max', ['a', 'n', 'rc'], ['mx'], 'max'), node('Min', ['a', 'd'], ['mn'], 'min'),
  node('Shape', ['w'], ['sh'], 'shape'), node('Shape', ['w'], ['sh_tail'], 'shape_tail', start=-2),
  node('Gather', ['sh', 'one'], ['dim1'], 'gather_dim'), node('Concat', ['sh', 'five'], ['cat'], 'concat', axis=0),
  node('Mul', ['cat', 'cat'], ['cat2'], 'mul_int'), node('Div', ['cat2', 'neg2'], ['cat3'], 'div_int'),
  node('Cast', ['cat3'], ['catf'], 'cast_to_float', to=TensorProto.FLOAT),
  node('Mul', ['d', 'ten'], ['d10'], 'mul10'), node('Cast', ['d10'], ['di'], 'cast_to_int', to=TensorProto.INT32),
  node('Add', ['di', 'di'], ['di2'], 'add_int32'), node('Cast', ['di2'], ['dif'], 'cast_back', to=TensorProto.FLOAT),
  node('Range', ['r0', 'r10', 'r3'], ['rng'], 'range'), node('Cast', ['rng'], ['rngf'], 'cast_range', to=TensorProto.FLOAT),
  node('ConstantOfShape', ['shape22'], ['cos'], 'constant_of_shape', value=helper.make_tensor('v', TensorProto.FLOAT, [1], [1.5])),
  node('Flatten', ['w'], ['fl'], 'flatten', axis=2), node('Identity', ['fl'], ['id'], 'identity'),
  node('Size', ['w'], ['size'], 'size'), node('Cast', ['size'], ['sizef'], 'cast_size', to=TensorProto.FLOAT),
  node('Not', ['pos'], ['npos'], 'not'), node('Cast', ['npos'], ['nposf'], 'cast_bool', to=TensorProto.FLOAT),
]
outs = ['sl2', 'a', 'm', 'n', 'rc', 'wh', 'mx', 'mn', 'catf', 'dif', 'rngf', 'cos', 'id', 'sizef', 'nposf', 'sh_tail', 'dim1']
for i, v in enumerate(outs):
    if v in ('sh_tail', 'dim1'):
        nodes.append(node('Add', ['k', v], ['y%d' % i], 'use%d' % i))
    else:
        nodes.append(node('Add', ['x', v], ['y%d' % i], 'use%d' % i))
weights = {'w': w(2, 3, 4), 'shape46': I64(4, 6), 'axis0': I64(0), 'starts': I64(-1), 'ends': I64(big.min), 'axes1': I64(1), 'steps': I64(-2),
  'starts2': I64(1, 2), 'ends2': I64(big.max, big.max), 'indices': I64(-1, 0), 'row': w(1, 3), 'shape23': I64(2, 3), 'w3': w(3),
  'three': F32(3.0), 'zero': F32(0.0), 'one': I64(1), 'five': I64(5), 'neg2': I64(-2), 'ten': F32(10.0), 'r0': np.array(0, dtype=np.int64), 'r10': np.array(10, dtype=np.int64), 'r3': np.array(3, dtype=np.int64),
  'shape22': I64(2, 2)}
save('weights_only', nodes, [('x', [1])], ['y%d' % i if v != 'rngf' else ('y%d' % i, 1) for i, v in enumerate(outs)], weights, opset=15, extra_inputs=[('k', TensorProto.INT64, [1])])
save('kept', [
  node('Cast', ['w'], ['h'], 'to_half', to=TensorProto.FLOAT16), node('Cast', ['h'], ['hf'], 'from_half', to=TensorProto.FLOAT),
  node('Pow', ['w', 'w'], ['q'], 'pow'), node('Cast', ['i'], ['qi'], 'cast_huge', to=TensorProto.FLOAT), node('Add', ['q', 'qi'], ['qf'], 'add_q'),
  node('Exp', ['w'], ['ex'], 'exp'), node('Shape', ['x'], ['xs'], 'dynamic_shape'), node('Cast', ['xs'], ['xsf'], 'cast_xs', to=TensorProto.FLOAT),
  node('Add', ['x', 'hf'], ['y0'], 'use0'), node('Add', ['x', 'qf'], ['y1'], 'use1'), node('Add', ['x', 'ex'], ['y2'], 'use2'), node('Sum', ['xsf'], ['y3'], 'use3'),
], [('x', ['n'])], ['y0', 'y1', 'y2', 'y3'], {'w': np.abs(w(3)), 'i': np.array([4, 2**60 + 1, 6], dtype=np.int64)})
`);

function feedsFor(name: string): Record<string, OnnxFeed> {
  const x = { dims: [1], data: Float32Array.of(0.25) };
  return name === 'weights_only' ? { x, k: { dims: [1], data: BigInt64Array.of(7n) } } : { x: { dims: [3], data: Float32Array.of(1, 2, 3) } };
}

describe('fold-constants (reference: ONNX Runtime on the original, bit for bit)', () => {
  it('folds every operator of a weight-only subgraph and leaves only the nodes that read inputs', async () => {
    const run = await testPlugin(foldConstants, { model: models.weights_only, target: 'xeon-e5-2690-v4' });
    const feeds = feedsFor('weights_only');
    const comparison = compareOutputs(await runOnnx(models.weights_only, feeds), await runOnnx(run.bytes, feeds));
    expect(comparison.maxAbsError).toBe(0);
    const remaining = readModel(run.bytes).graph.nodes.map((node) => node.name);
    expect(remaining.every((name) => name.startsWith('use'))).toBe(true);
    expect(remaining).toHaveLength(17);
    expect(run.result?.notes).toEqual([]);
  });

  it('leaves what it cannot compute exactly: float16 casts, int64 beyond 2^53 to float, Pow, Exp, Shape of a dynamic input', async () => {
    const run = await testPlugin(foldConstants, { model: models.kept, target: 'xeon-e5-2690-v4' });
    const feeds = feedsFor('kept');
    expect(compareOutputs(await runOnnx(models.kept, feeds), await runOnnx(run.bytes, feeds)).maxAbsError).toBe(0);
    const remaining = new Set(readModel(run.bytes).graph.nodes.map((node) => node.name));
    for (const name of ['to_half', 'from_half', 'pow', 'cast_huge', 'exp', 'dynamic_shape', 'cast_xs']) expect(remaining.has(name)).toBe(true);
    expect(run.result?.notes?.join('\n')).toMatch(/Cast: Cast to type 10/);
    expect(run.result?.notes?.join('\n')).toMatch(/Cast: a 64-bit integer beyond 2\^53/);
  });

  it('runs in the sandbox like in process', async () => {
    const entry = require.resolve('./index');
    const inProcess = await testPlugin(foldConstants, { model: models.weights_only, target: 'xeon-e5-2690-v4' });
    const sandboxed = await testPlugin(foldConstants, { model: models.weights_only, target: 'xeon-e5-2690-v4', sandbox: true, entry });
    expect(sandboxed.result).toEqual(inProcess.result);
    expect(Buffer.from(sandboxed.bytes).equals(Buffer.from(inProcess.bytes))).toBe(true);
  }, 60_000);
});
