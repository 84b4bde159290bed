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
# outputs: names (or (name, rank) where onnx cannot infer a shape); types and shapes come from onnx's inference
def save(name, nodes, inputs, outputs, weights, opset=13, extra_inputs=()):
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in inputs] + [helper.make_tensor_value_info(n, t, s) for n, t, s in extra_inputs],
        [], [numpy_helper.from_array(v, k) for k, v in weights.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', opset)])
    model.ir_version = 8
    inferred = {v.name: v for v in onnx.shape_inference.infer_shapes(model).graph.value_info}
    for entry in outputs:
        n, rank = entry if isinstance(entry, tuple) else (entry, None)
        info = inferred[n]
        if not info.type.tensor_type.HasField('shape'):
            # onnx 1.12 infers no shape for some results (Range): declare the rank, dims symbolic
            info = helper.make_tensor_value_info(n, info.type.tensor_type.elem_type, [f'{n}_{i}' for i in range(rank)])
        model.graph.output.append(info)
    onnx.checker.check_model(model)
    open(os.path.join(out, name + '.onnx'), 'wb').write(model.SerializeToString())
`;

export function pythonModels(script: string): Record<string, Uint8Array> {
  return runPythonModels(script, { helpers: HELPERS });
}
