/** Reading what the plugin wrote, straight from the output ONNX model. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OnnxModel } from '@edgepress/plugin-sdk/testing';

type Node = OnnxModel['graph']['nodes'][number];

export function nodesOf(model: OnnxModel, opType: string): Node[] {
  return model.graph.nodes.filter((node) => node.opType === opType);
}

export function nodeNamed(model: OnnxModel, name: string): Node {
  const node = model.graph.nodes.find((candidate) => candidate.name === name);
  if (node === undefined) throw new Error(`no node named ${name}`);
  return node;
}

export function producerOf(model: OnnxModel, value: string): Node | undefined {
  return model.graph.nodes.find((node) => node.output.includes(value));
}

export function intAttribute(node: Node, name: string): number | undefined {
  const attribute = node.attribute.find((candidate) => candidate.name === name);
  return attribute === undefined ? undefined : Number(attribute.i);
}

export interface StoredWeight {
  readonly values: Int8Array;
  readonly dims: readonly number[];
  readonly scales: Float32Array;
  /** DequantizeLinear's axis; undefined for one scale. */
  readonly axis: number | undefined;
  /** 'dequantize-linear' (QDQ), 'cast-mul' (weight-only) or 'qlinear' (read by QLinearConv/QLinearMatMul). */
  readonly form: 'dequantize-linear' | 'cast-mul' | 'qlinear';
}

/** The int8 weight a layer reads through DequantizeLinear or Cast + Mul, or as a QLinear operator, or undefined when it reads a float weight. */
export function storedWeight(model: OnnxModel, layer: string, input = 1): StoredWeight | undefined {
  const node = nodeNamed(model, layer);
  if (node.opType === 'QLinearConv' || node.opType === 'QLinearMatMul') {
    const quantized = model.readWeight(node.input[3]);
    const scale = model.readWeight(node.input[4]);
    const axis = scale.dims.length === 0 ? undefined : node.opType === 'QLinearConv' ? 0 : 1;
    return { values: quantized.data as Int8Array, dims: quantized.dims, scales: scale.data as Float32Array, axis, form: 'qlinear' };
  }
  const producer = producerOf(model, node.input[input]);
  if (producer?.opType === 'DequantizeLinear') {
    const quantized = model.readWeight(producer.input[0]);
    if (!(quantized.data instanceof Int8Array)) return undefined;
    const scale = model.readWeight(producer.input[1]);
    const axis = scale.dims.length === 0 ? undefined : (intAttribute(producer, 'axis') ?? 1);
    return { values: quantized.data, dims: quantized.dims, scales: scale.data as Float32Array, axis, form: 'dequantize-linear' };
  }
  if (producer?.opType === 'Mul') {
    const cast = producerOf(model, producer.input[0]);
    if (cast?.opType !== 'Cast') return undefined;
    const quantized = model.readWeight(cast.input[0]);
    if (!(quantized.data instanceof Int8Array)) return undefined;
    const scale = model.readWeight(producer.input[1]);
    const axis = scale.dims.findIndex((dim) => dim > 1);
    return { values: quantized.data, dims: quantized.dims, scales: scale.data as Float32Array, axis: axis < 0 ? undefined : axis, form: 'cast-mul' };
  }
  return undefined;
}

/** Nodes that read an int32 initializer through DequantizeLinear (the QDQ form of a bias). */
export function biasDequantizers(model: OnnxModel): Node[] {
  const weights = new Set(model.weights().map((weight) => weight.name));
  return nodesOf(model, 'DequantizeLinear').filter((node) => weights.has(node.input[0]) && model.readWeight(node.input[0]).data instanceof Int32Array);
}

/** Python's onnx.checker on the model (an implementation independent of libs/onnx); throws with its message when it refuses. */
export function checkWithPythonOnnx(bytes: Uint8Array): void {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'edgepress-quantize-int8-check-'));
  try {
    const file = path.join(folder, 'model.onnx');
    writeFileSync(file, bytes);
    const result = spawnSync('/usr/bin/python3', ['-c', 'import sys, onnx; onnx.checker.check_model(onnx.load(sys.argv[1]))', file], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`onnx.checker refused the model: ${result.stderr}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
