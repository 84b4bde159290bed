/** Small reference models written by Debian's python-onnx for the harness tests. */
import { pythonModels } from '../src/python-models';

/** x [n, 8] -> MatMul 'fc' (fc_w [8, 4], seeded) -> Add (fc_b) -> y [n, 4]. */
export function linearModel(): Uint8Array {
  return pythonModels(`
rng = np.random.default_rng(0)
w = rng.normal(0, 1, (8, 4)).astype(np.float32)
b = rng.normal(0, 1, (4,)).astype(np.float32)
nodes = [helper.make_node('MatMul', ['x', 'fc_w'], ['h'], name='fc'), helper.make_node('Add', ['h', 'fc_b'], ['y'], name='bias')]
graph = helper.make_graph(nodes, 'linear', [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['n', 8])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['n', 4])], [numpy_helper.from_array(w, 'fc_w'), numpy_helper.from_array(b, 'fc_b')])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
model.ir_version = 8
onnx.checker.check_model(model)
open(os.path.join(out, 'linear.onnx'), 'wb').write(model.SerializeToString())`).linear;
}
