/**
 * Test models, written by Debian's python-onnx (an implementation independent of libs/onnx): one
 * python run writes every model of a script into a temporary folder, returned by file name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PRELUDE = `
import sys, os, numpy as np, onnx
from onnx import helper, numpy_helper, TensorProto
out = sys.argv[1]
def save(name, nodes, inputs, outputs, weights, opset=13):
    graph = helper.make_graph(nodes, name, inputs, outputs, [numpy_helper.from_array(w, n) for n, w in weights.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', opset)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    open(os.path.join(out, name + '.onnx'), 'wb').write(model.SerializeToString())
def value(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)
`;

export function pythonModels(script: string): Record<string, Uint8Array> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'edgepress-lowrank-'));
  try {
    const result = spawnSync('/usr/bin/python3', ['-c', PRELUDE + script, folder], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`python-onnx failed: ${result.stderr}`);
    return Object.fromEntries(readdirSync(folder).map((file) => [file.replace(/\.onnx$/, ''), new Uint8Array(readFileSync(path.join(folder, file)))]));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
