/** Small reference models written by Debian's python-onnx for the harness tests. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** x [n, 8] -> MatMul 'fc' (fc_w [8, 4], seeded) -> Add (fc_b) -> y [n, 4]. */
export function linearModel(): Uint8Array {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'edgepress-harness-'));
  try {
    const file = path.join(folder, 'model.onnx');
    const script = `
import sys, numpy as np, onnx
from onnx import helper, numpy_helper, TensorProto
rng = np.random.default_rng(0)
w = rng.normal(0, 1, (8, 4)).astype(np.float32)
b = rng.normal(0, 1, (4,)).astype(np.float32)
nodes = [helper.make_node('MatMul', ['x', 'fc_w'], ['h'], name='fc'), helper.make_node('Add', ['h', 'fc_b'], ['y'], name='bias')]
graph = helper.make_graph(nodes, 'linear', [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['n', 8])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['n', 4])], [numpy_helper.from_array(w, 'fc_w'), numpy_helper.from_array(b, 'fc_b')])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
model.ir_version = 8
onnx.checker.check_model(model)
open(sys.argv[1], 'wb').write(model.SerializeToString())`;
    const result = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
