/**
 * Test models written by Debian's python3-onnx, an implementation independent of libs/onnx, so
 * that a plugin is tested on graphs our own writer did not make. One python run executes a script
 * that saves every model it builds into a temporary folder; they come back by file name.
 *
 * The script sees `np`, `onnx`, `helper`, `numpy_helper`, `TensorProto`, `out` (the folder) and
 * the helpers: by default `value(name, shape)` (a float tensor's value info) and
 * `save(name, nodes, inputs, outputs, weights, opset=13)` (checks the model with onnx.checker and
 * writes out/name.onnx); a plugin whose tests want other helpers passes its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const IMPORTS = `
import sys, os, numpy as np, onnx
from onnx import helper, numpy_helper, TensorProto
out = sys.argv[1]
`;

export const DEFAULT_PYTHON_HELPERS = `
def save(name, nodes, inputs, outputs, weights, opset=13):
    graph = helper.make_graph(nodes, name, inputs, outputs, [numpy_helper.from_array(w, n) for n, w in weights.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', opset)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    open(os.path.join(out, name + '.onnx'), 'wb').write(model.SerializeToString())
def value(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)
`;

export interface PythonModelOptions {
  /** Python definitions placed before the script (default DEFAULT_PYTHON_HELPERS). */
  readonly helpers?: string;
}

export function pythonModels(script: string, options: PythonModelOptions = {}): Record<string, Uint8Array> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'edgepress-python-models-'));
  try {
    const program = IMPORTS + (options.helpers ?? DEFAULT_PYTHON_HELPERS) + script;
    const result = spawnSync('/usr/bin/python3', ['-c', program, folder], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`python3-onnx failed (is Debian's python3-onnx installed?): ${result.stderr || result.error?.message}`);
    return Object.fromEntries(readdirSync(folder).map((file) => [file.replace(/\.onnx$/, ''), new Uint8Array(readFileSync(path.join(folder, file)))]));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
