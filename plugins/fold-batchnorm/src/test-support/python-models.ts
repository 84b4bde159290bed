/**
 * Test models written by Debian's python3-onnx (the SDK's pythonModels), with this plugin's helpers:
 * w() random weights, node() and a save() that declares outputs as this plugin's tests need.
 */
import { pythonModels as runPythonModels } from '@edgepress/plugin-sdk/testing';

const HELPERS = `
rng = np.random.default_rng(7)
def w(*shape, scale=0.5):
    return (rng.standard_normal(shape) * scale).astype(np.float32)
def node(op, inputs, outputs, name, **attrs):
    return helper.make_node(op, inputs, outputs, name=name, **attrs)
# outputs: (name, rank) pairs, declared with symbolic dimensions
def save(name, nodes, inputs, outputs, weights, opset=13):
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in inputs],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, [f'{n}_{i}' for i in range(r)]) for n, r in outputs], [numpy_helper.from_array(v, k) for k, v in weights.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', opset)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    open(os.path.join(out, name + '.onnx'), 'wb').write(model.SerializeToString())
`;

export function pythonModels(script: string): Record<string, Uint8Array> {
  return runPythonModels(script, { helpers: HELPERS });
}
