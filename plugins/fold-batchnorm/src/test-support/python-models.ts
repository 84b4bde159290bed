/**
 * Test models written by Debian's python-onnx (independent of libs/onnx): one python run writes
 * every model of a script into a temporary folder; returned by name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PRELUDE = `
import sys, os, numpy as np, onnx
from onnx import helper, numpy_helper, TensorProto
out = sys.argv[1]
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
  const folder = mkdtempSync(path.join(os.tmpdir(), 'edgepress-p4-'));
  try {
    const result = spawnSync('/usr/bin/python3', ['-c', PRELUDE + script, folder], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`python-onnx failed: ${result.stderr}`);
    return Object.fromEntries(readdirSync(folder).map((file) => [file.replace(/\.onnx$/, ''), new Uint8Array(readFileSync(path.join(folder, file)))]));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
