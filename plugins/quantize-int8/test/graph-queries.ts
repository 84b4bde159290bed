/** Reading what the plugin wrote, straight from the output ONNX model. */
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
  /** 'dequantize-linear' (QDQ) or 'cast-mul' (weight-only). */
  readonly form: 'dequantize-linear' | 'cast-mul';
}

/** The int8 weight a layer reads through DequantizeLinear or Cast + Mul, or undefined when it reads a float weight. */
export function storedWeight(model: OnnxModel, layer: string, input = 1): StoredWeight | undefined {
  const node = nodeNamed(model, layer);
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
