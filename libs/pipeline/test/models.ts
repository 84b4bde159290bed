import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runPython, temporaryFolder } from './python';

const PRELUDE = `
import sys, numpy as np, onnx
from onnx import helper, numpy_helper, TensorProto
rng = np.random.default_rng(0)
def init(name, array): return numpy_helper.from_array(np.asarray(array), name=name)
def finish(nodes, inputs, outputs, initializers, opset=13):
  graph = helper.make_graph(nodes, 'test', inputs, outputs, initializers)
  model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', opset)])
  model.ir_version = 8
  onnx.checker.check_model(model)
  return model
`;

/** Builds a model with Debian's onnx: `body` must assign `model`; returns its bytes. */
export function buildModel(body: string): Uint8Array {
  const { folder, remove } = temporaryFolder('model');
  try {
    const file = path.join(folder, 'model.onnx');
    runPython(`${PRELUDE}\n${body}\nopen(sys.argv[1], 'wb').write(model.SerializeToString())`, [file]);
    return new Uint8Array(readFileSync(file));
  } finally {
    remove();
  }
}

/**
 * A small MNIST-shaped classifier with fixed random weights (seed 0, so not trained): x [n, 784]
 * -> Gemm 784x16 -> Relu -> Gemm 16x10 -> Softmax -> probs [n, 10]. `scale` multiplies the second
 * layer's weights, to make a perturbed copy.
 */
export function mlpClassifier(scale = 1, noise = 0): Uint8Array {
  return buildModel(`
w1 = rng.normal(0, 0.1, (784, 16)).astype(np.float32)
b1 = rng.normal(0, 0.1, (16,)).astype(np.float32)
w2 = (rng.normal(0, 0.5, (16, 10)) * ${scale}).astype(np.float32)
w2 = (w2 + np.random.default_rng(1).normal(0, ${noise}, w2.shape)).astype(np.float32)
w2[0, :3] = 0
b2 = np.zeros((10,), np.float32)
nodes = [
  helper.make_node('Gemm', ['x', 'w1', 'b1'], ['hidden'], name='fc1'),
  helper.make_node('Relu', ['hidden'], ['relu'], name='relu1'),
  helper.make_node('Gemm', ['relu', 'w2', 'b2'], ['logits'], name='fc2'),
  helper.make_node('Softmax', ['logits'], ['probs'], name='softmax', axis=-1),
]
model = finish(nodes, [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['n', 784])],
  [helper.make_tensor_value_info('probs', TensorProto.FLOAT, ['n', 10])],
  [init('w1', w1), init('b1', b1), init('w2', w2), init('b2', b2)])
`);
}

/**
 * A small convolutional model, x [n, 1, 8, 8] -> Conv (4 filters 3x3, 'conv_out') -> Relu
 * ('relu_out') -> Flatten -> Gemm -> logits [n, 3], and the same model cut by onnx.utils.extract_model
 * so that its only output is 'relu_out' (the reference for activation capture).
 */
export function convModels(): { full: Uint8Array; upToRelu: Uint8Array } {
  const { folder, remove } = temporaryFolder('conv');
  try {
    runPython(
      `${PRELUDE}
import onnx.utils
w = rng.normal(0, 0.5, (4, 1, 3, 3)).astype(np.float32)
b = rng.normal(0, 0.1, (4,)).astype(np.float32)
fc = rng.normal(0, 0.2, (144, 3)).astype(np.float32)
nodes = [
  helper.make_node('Conv', ['x', 'w', 'b'], ['conv_out'], name='conv'),
  helper.make_node('Relu', ['conv_out'], ['relu_out'], name='relu'),
  helper.make_node('Flatten', ['relu_out'], ['flat'], name='flatten'),
  helper.make_node('Gemm', ['flat', 'fc'], ['logits'], name='fc'),
]
model = finish(nodes, [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['n', 1, 8, 8])],
  [helper.make_tensor_value_info('logits', TensorProto.FLOAT, ['n', 3])], [init('w', w), init('b', b), init('fc', fc)])
onnx.save(model, sys.argv[1] + '/full.onnx')
onnx.utils.extract_model(sys.argv[1] + '/full.onnx', sys.argv[1] + '/relu.onnx', ['x'], ['relu_out'])`,
      [folder],
    );
    return { full: new Uint8Array(readFileSync(path.join(folder, 'full.onnx'))), upToRelu: new Uint8Array(readFileSync(path.join(folder, 'relu.onnx'))) };
  } finally {
    remove();
  }
}
