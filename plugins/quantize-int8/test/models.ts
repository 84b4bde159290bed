/** Small models written by Debian's python-onnx (/usr/bin/python3) for the plugin tests. */
import { pythonModels } from '@edgepress/plugin-sdk/testing';

// Each body defines `graph`; the model is saved at opset 13 through the harness's pythonModels.
const HELPERS = `
rng = np.random.default_rng(0)
def init(name, array): return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)
`;

function build(body: string): Uint8Array {
  const script = `${body}
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
model.ir_version = 8
onnx.checker.check_model(model)
open(os.path.join(out, 'model.onnx'), 'wb').write(model.SerializeToString())`;
  return pythonModels(script, { helpers: HELPERS }).model;
}

/**
 * x [1, 4, 8, 8] -> Conv 'conv1' (8 channels, 3x3, pads 1, bias) -> Relu 'relu1' -> Conv 'conv2'
 * (6 channels, 1x1, bias) -> y. conv1's output channels have weights of different magnitudes, so
 * per-channel and per-tensor scales differ.
 */
export function convModel(): Uint8Array {
  return build(`
w1 = rng.normal(0, 0.3, (8, 4, 3, 3)) * (np.arange(1, 9) / 4.0).reshape(8, 1, 1, 1)
w2 = rng.normal(0, 0.3, (6, 8, 1, 1))
nodes = [
  helper.make_node('Conv', ['x', 'w1', 'b1'], ['h1'], name='conv1', pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
  helper.make_node('Relu', ['h1'], ['a1'], name='relu1'),
  helper.make_node('Conv', ['a1', 'w2', 'b2'], ['y'], name='conv2', kernel_shape=[1, 1]),
]
graph = helper.make_graph(nodes, 'convs', [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 4, 8, 8])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 6, 8, 8])],
  [init('w1', w1), init('b1', rng.normal(0, 0.1, 8)), init('w2', w2), init('b2', rng.normal(0, 0.1, 6))])`);
}

/** x [n, 16] -> MatMul 'mm' [16, 12] -> Add 'mm_bias' -> Relu 'act' -> Gemm 'gemm' (B [10, 12], transB, C [10]) -> y [n, 10]. */
export function linearModel(): Uint8Array {
  return build(`
nodes = [
  helper.make_node('MatMul', ['x', 'w'], ['h'], name='mm'),
  helper.make_node('Add', ['h', 'b'], ['hb'], name='mm_bias'),
  helper.make_node('Relu', ['hb'], ['a'], name='act'),
  helper.make_node('Gemm', ['a', 'g', 'c'], ['y'], name='gemm', transB=1),
]
graph = helper.make_graph(nodes, 'linear', [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['n', 16])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['n', 10])],
  [init('w', rng.normal(0, 0.4, (16, 12))), init('b', rng.normal(0, 0.1, 12)), init('g', rng.normal(0, 0.4, (10, 12))), init('c', rng.normal(0, 0.1, 10))])`);
}

/**
 * Three convolutions where the activation between c1 and c2 has one channel 200 times larger than
 * the others (c1's channel 0 scaled up, c2's matching input column scaled down: the float model
 * is unaffected, but one uint8 scale for that tensor erases the small channels). Quantizing that
 * tensor, which both c1 (its output) and c2 (its input) do, is what hurts.
 */
export function outlierModel(): Uint8Array {
  return build(`
w1 = rng.normal(0, 0.3, (8, 4, 3, 3)); w1[0] *= 200
b1 = rng.normal(0, 0.1, 8); b1[0] *= 200
w2 = rng.normal(0, 0.3, (8, 8, 1, 1)); w2[:, 0] /= 200
w3 = rng.normal(0, 0.3, (4, 8, 3, 3))
nodes = [
  helper.make_node('Conv', ['x', 'w1', 'b1'], ['h1'], name='c1', pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
  helper.make_node('Relu', ['h1'], ['a1'], name='r1'),
  helper.make_node('Conv', ['a1', 'w2', 'b2'], ['h2'], name='c2', kernel_shape=[1, 1]),
  helper.make_node('Relu', ['h2'], ['a2'], name='r2'),
  helper.make_node('Conv', ['a2', 'w3', 'b3'], ['y'], name='c3', pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
]
graph = helper.make_graph(nodes, 'outlier', [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 4, 8, 8])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 4, 8, 8])],
  [init('w1', w1), init('b1', b1), init('w2', w2), init('b2', rng.normal(0, 0.1, 8)), init('w3', w3), init('b3', rng.normal(0, 0.1, 4))])`);
}

/** x [1, 4, 8, 8] -> Conv 'left' and Conv 'right' -> Add 'sum' -> MaxPool 'pool' (2x2) -> Conv 'head' -> y [1, 4, 4, 4]. */
export function residualModel(): Uint8Array {
  return build(`
nodes = [
  helper.make_node('Conv', ['x', 'wl', 'bl'], ['l'], name='left', pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
  helper.make_node('Conv', ['x', 'wr', 'br'], ['r'], name='right', kernel_shape=[1, 1]),
  helper.make_node('Add', ['l', 'r'], ['s'], name='sum'),
  helper.make_node('MaxPool', ['s'], ['p'], name='pool', kernel_shape=[2, 2], strides=[2, 2]),
  helper.make_node('Conv', ['p', 'wh', 'bh'], ['y'], name='head', kernel_shape=[1, 1]),
]
graph = helper.make_graph(nodes, 'residual', [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 4, 8, 8])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 4, 4, 4])],
  [init('wl', rng.normal(0, 0.3, (8, 4, 3, 3))), init('bl', rng.normal(0, 0.1, 8)), init('wr', rng.normal(0, 0.3, (8, 4, 1, 1))),
   init('br', rng.normal(0, 0.1, 8)), init('wh', rng.normal(0, 0.3, (4, 8, 1, 1))), init('bh', rng.normal(0, 0.1, 4))])`);
}

/**
 * A MobileNet-like chain: x [1, 4, 8, 8] -> Conv 'c1' (8, 3x3, pads 1) -> Relu -> depthwise Conv
 * 'c2' (group 8, stride 2, pads 1) -> Relu -> Conv 'c3' (16, 1x1) -> hard swish (HardSigmoid, Mul)
 * -> Conv 'c4' (6, 1x1) -> y [1, 6, 4, 4]: consecutive int8 layers, a float operator between two
 * of them, and a last layer that feeds the graph output.
 */
export function chainModel(): Uint8Array {
  return build(`
nodes = [
  helper.make_node('Conv', ['x', 'w1', 'b1'], ['h1'], name='c1', pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
  helper.make_node('Relu', ['h1'], ['a1'], name='r1'),
  helper.make_node('Conv', ['a1', 'w2', 'b2'], ['h2'], name='c2', pads=[1, 1, 1, 1], kernel_shape=[3, 3], strides=[2, 2], group=8, dilations=[1, 1]),
  helper.make_node('Relu', ['h2'], ['a2'], name='r2'),
  helper.make_node('Conv', ['a2', 'w3', 'b3'], ['h3'], name='c3', kernel_shape=[1, 1]),
  helper.make_node('HardSigmoid', ['h3'], ['g3'], name='gate', alpha=1.0 / 6, beta=0.5),
  helper.make_node('Mul', ['h3', 'g3'], ['m3'], name='swish'),
  helper.make_node('Conv', ['m3', 'w4', 'b4'], ['y'], name='c4', kernel_shape=[1, 1]),
]
graph = helper.make_graph(nodes, 'chain', [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 4, 8, 8])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 6, 4, 4])],
  [init('w1', rng.normal(0, 0.3, (8, 4, 3, 3))), init('b1', rng.normal(0, 0.1, 8)), init('w2', rng.normal(0, 0.3, (8, 1, 3, 3))),
   init('b2', rng.normal(0, 0.1, 8)), init('w3', rng.normal(0, 0.3, (16, 8, 1, 1))), init('b3', rng.normal(0, 0.1, 16)),
   init('w4', rng.normal(0, 0.3, (6, 16, 1, 1))), init('b4', rng.normal(0, 0.1, 6))])`);
}
