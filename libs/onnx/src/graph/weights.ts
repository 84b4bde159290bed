import { invalidArgument, invalidModel, notFound } from '../errors';
import type { NodeProto, SparseTensorProto, TensorProto } from '../gen/onnx_pb';
import { DataType, dataTypeInfo, rawByteLength, type DataTypeInfo, type DataTypeName } from '../tensor/data-types';
import { decodeTensor } from '../tensor/decode';
import { encodeTensor, writeTensorData, type TensorEncoding } from '../tensor/encode';
import { hasRawData, inspectTensor, isExternal } from '../tensor/layout';
import { decodeSparseTensor, densifySparseTensor, encodeSparseTensor } from '../tensor/sparse';
import { createTensor, type Tensor } from '../tensor/tensor';
import { findAttribute, setAttributeValue } from './attributes';
import { describeNode } from './describe';
import type { ModelGraph } from './model-graph';
import { updateDeclaredType } from './values';

/**
 * Weights wherever ONNX lets them live: graph initializers, sparse initializers, and Constant
 * nodes (`value`, `sparse_value`, or the scalar/list forms `value_float(s)`, `value_int(s)`,
 * `value_string(s)`). Every tensor-valued Constant counts, small shape constants included.
 */
export type WeightLocation = 'initializer' | 'sparse-initializer' | 'constant';

export interface WeightRef {
  /** The value name consumers read. */
  readonly name: string;
  readonly location: WeightLocation;
  readonly graph: ModelGraph;
  /** Initializer, or the `value` tensor of a Constant node. */
  readonly tensor?: TensorProto;
  /** Sparse initializer, or the `sparse_value` of a Constant node. */
  readonly sparse?: SparseTensorProto;
  /** The Constant node, for location 'constant'. */
  readonly node?: NodeProto;
  /** Which Constant attribute holds the value. */
  readonly attribute?: string;
}

/** Shape, type and storage of a weight, read without decoding its values. */
export interface WeightInfo {
  readonly name: string;
  readonly location: WeightLocation;
  readonly dataType: DataType;
  readonly dataTypeName: DataTypeName;
  readonly dims: readonly number[];
  readonly elementCount: number;
  /** Bytes as stored (values only; sparse weights count values plus indices). */
  readonly byteLength: number;
  readonly encoding: 'raw' | 'typed' | 'external' | 'attribute' | 'sparse';
}

const CONSTANT_ATTRIBUTES = ['value', 'sparse_value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'value_string', 'value_strings'];

export function isConstantNode(node: NodeProto): boolean {
  return node.opType === 'Constant' && (node.domain === '' || node.domain === 'ai.onnx');
}

export function listWeights(graph: ModelGraph): WeightRef[] {
  const weights: WeightRef[] = [];
  for (const tensor of graph.proto.initializer) weights.push({ name: tensor.name, location: 'initializer', graph, tensor });
  for (const sparse of graph.proto.sparseInitializer) {
    weights.push({ name: sparse.values?.name ?? '', location: 'sparse-initializer', graph, sparse });
  }
  for (const node of graph.proto.node) {
    if (!isConstantNode(node) || node.output.length === 0) continue;
    const attribute = node.attribute.find((item) => CONSTANT_ATTRIBUTES.includes(item.name));
    if (attribute === undefined) continue;
    weights.push({
      name: node.output[0],
      location: 'constant',
      graph,
      node,
      attribute: attribute.name,
      ...(attribute.t !== undefined ? { tensor: attribute.t } : {}),
      ...(attribute.sparseTensor !== undefined ? { sparse: attribute.sparseTensor } : {}),
    });
  }
  return weights;
}

export function describeWeight(weight: WeightRef): string {
  if (weight.location === 'constant') return `weight '${weight.name}' (attribute '${weight.attribute}' of ${describeNode(weight.node as NodeProto)})`;
  return `${weight.location} '${weight.name}' of ${weight.graph.describe()}`;
}

function attributeOf(weight: WeightRef) {
  const attribute = findAttribute(weight.node as NodeProto, weight.attribute as string);
  if (attribute === undefined) throw notFound(`${describeWeight(weight)} no longer exists`);
  return attribute;
}

/** Constant-node values in their scalar/list forms, as tensors. */
function constantListTensor(weight: WeightRef): Tensor {
  const attribute = attributeOf(weight);
  const name = weight.name;
  switch (weight.attribute) {
    case 'value_float':
      return createTensor({ name, dataType: DataType.FLOAT, dims: [], data: [attribute.f] });
    case 'value_floats':
      return createTensor({ name, dataType: DataType.FLOAT, dims: [attribute.floats.length], data: attribute.floats });
    case 'value_int':
      return createTensor({ name, dataType: DataType.INT64, dims: [], data: [attribute.i] });
    case 'value_ints':
      return createTensor({ name, dataType: DataType.INT64, dims: [attribute.ints.length], data: attribute.ints });
    case 'value_string':
      return createTensor({ name, dataType: DataType.STRING, dims: [], data: [attribute.s] });
    case 'value_strings':
      return createTensor({ name, dataType: DataType.STRING, dims: [attribute.strings.length], data: attribute.strings });
    default:
      throw invalidModel(`${describeWeight(weight)} has no value`);
  }
}

export function weightInfo(weight: WeightRef): WeightInfo {
  const limits = weight.graph.model.limits;
  const where = describeWeight(weight);
  if (weight.sparse !== undefined) {
    const values = weight.sparse.values;
    if (values === undefined) throw invalidModel(`${where} has no values`);
    const valueLayout = inspectTensor(values, `values of ${where}`, limits);
    const indexBytes = weight.sparse.indices === undefined ? 0 : inspectTensor(weight.sparse.indices, `indices of ${where}`, limits).byteLength;
    const dims = weight.sparse.dims.map(Number);
    return finish(valueLayout.info.dataType, dims, valueLayout.byteLength + indexBytes, 'sparse');
  }
  if (weight.tensor !== undefined) {
    const layout = inspectTensor(weight.tensor, where, limits);
    const encoding = weight.location === 'constant' && layout.storage !== 'external' ? (layout.storage === 'typed' ? 'typed' : 'raw') : layout.storage;
    return finish(layout.info.dataType, layout.dims, layout.byteLength, encoding === 'empty' ? 'raw' : encoding);
  }
  const tensor = constantListTensor(weight);
  const bytes =
    tensor.dataType === DataType.STRING
      ? (tensor.data as Uint8Array[]).reduce((sum, item) => sum + item.length, 0)
      : rawByteLength(dataTypeInfo(tensor.dataType) as DataTypeInfo, count(tensor.dims));
  return finish(tensor.dataType, [...tensor.dims], bytes, 'attribute');

  function finish(dataType: DataType, dims: number[], byteLength: number, encoding: WeightInfo['encoding']): WeightInfo {
    return {
      name: weight.name,
      location: weight.location,
      dataType,
      dataTypeName: (dataTypeInfo(dataType) as DataTypeInfo).name,
      dims,
      elementCount: count(dims),
      byteLength,
      encoding,
    };
  }
}

function count(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Decoded values of a weight (sparse weights densified). */
export function readWeight(weight: WeightRef): Tensor {
  const model = weight.graph.model;
  const where = describeWeight(weight);
  if (weight.sparse !== undefined) return densifySparseTensor(weight.sparse, where, model.limits);
  if (weight.tensor !== undefined) {
    const tensor = decodeTensor(weight.tensor, { limits: model.limits, where, externalData: model.externalData.get(weight.tensor) });
    return tensor.name === weight.name ? tensor : { ...tensor, name: weight.name };
  }
  return constantListTensor(weight);
}

/**
 * Replaces a weight's values (and possibly its type and shape) where it lives: an initializer
 * stays an initializer with the same encoding (raw or typed; external data becomes raw), a sparse
 * initializer is re-sparsified with the same index form, a Constant stays a Constant (its scalar or
 * list attribute switches to `value` when the new tensor no longer fits that form). Declared
 * types of the value (graph input/output, value_info) follow a type or shape change. `encoding`
 * overrides the raw/typed choice.
 */
export function replaceWeight(weight: WeightRef, tensor: Tensor, encoding?: TensorEncoding): void {
  const model = weight.graph.model;
  const renamed: Tensor = tensor.name === weight.name ? tensor : { ...tensor, name: weight.name };
  if (weight.sparse !== undefined) {
    const old = decodeSparseTensor(weight.sparse, describeWeight(weight), model.limits);
    const kept: TensorEncoding = weight.sparse.values !== undefined && !hasRawData(weight.sparse.values) && old.values.dims[0] > 0 ? 'typed' : 'raw';
    const replacement = encodeSparseTensor(renamed, old.indexForm, encoding ?? kept);
    if (weight.sparse.indices !== undefined && replacement.indices !== undefined) replacement.indices.name = weight.sparse.indices.name;
    weight.sparse.values = replacement.values;
    weight.sparse.indices = replacement.indices;
    weight.sparse.dims = replacement.dims;
  } else if (weight.tensor !== undefined) {
    writeTensorData(weight.tensor, renamed, encoding ?? encodingOf(weight.tensor));
    model.externalData.delete(weight.tensor);
  } else {
    replaceConstantAttribute(weight, renamed, encoding ?? 'raw');
  }
  updateDeclaredType(weight.graph, weight.name, renamed.dataType, renamed.dims);
  model.invalidate();
}

function encodingOf(tensor: TensorProto): TensorEncoding {
  if (hasRawData(tensor) || isExternal(tensor)) return 'raw';
  const populated = tensor.floatData.length + tensor.int32Data.length + tensor.int64Data.length + tensor.doubleData.length + tensor.uint64Data.length;
  return populated > 0 || tensor.dims.some((dim) => dim === 0n) ? 'typed' : 'raw';
}

function replaceConstantAttribute(weight: WeightRef, tensor: Tensor, encoding: TensorEncoding): void {
  const node = weight.node as NodeProto;
  const attribute = weight.attribute as string;
  const scalar = tensor.dims.length === 0;
  const vector = tensor.dims.length === 1;
  const fits =
    (attribute === 'value_float' && tensor.dataType === DataType.FLOAT && scalar) ||
    (attribute === 'value_floats' && tensor.dataType === DataType.FLOAT && vector) ||
    (attribute === 'value_int' && tensor.dataType === DataType.INT64 && scalar) ||
    (attribute === 'value_ints' && tensor.dataType === DataType.INT64 && vector) ||
    (attribute === 'value_string' && tensor.dataType === DataType.STRING && scalar) ||
    (attribute === 'value_strings' && tensor.dataType === DataType.STRING && vector);
  const data = tensor.data;
  if (!fits) {
    setAttributeValue(node, attribute, null);
    setAttributeValue(node, 'value', { type: 'tensor', value: encodeTensor({ ...tensor, name: '' }, encoding) });
    return;
  }
  if (attribute === 'value_float') setAttributeValue(node, attribute, { type: 'float', value: (data as Float32Array)[0] });
  else if (attribute === 'value_floats') setAttributeValue(node, attribute, { type: 'floats', value: Array.from(data as Float32Array) });
  else if (attribute === 'value_int') setAttributeValue(node, attribute, { type: 'int', value: (data as BigInt64Array)[0] });
  else if (attribute === 'value_ints') setAttributeValue(node, attribute, { type: 'ints', value: Array.from(data as BigInt64Array) });
  else if (attribute === 'value_string') setAttributeValue(node, attribute, { type: 'string', value: (data as Uint8Array[])[0] });
  else setAttributeValue(node, attribute, { type: 'strings', value: data as Uint8Array[] });
}

/**
 * Removes a weight (an initializer and, unless kept, the graph input that re-declares it, or its
 * Constant node). Consumers are not rewired.
 */
export function removeWeight(weight: WeightRef, keepGraphInput = false): void {
  const proto = weight.graph.proto;
  if (weight.location === 'initializer') {
    proto.initializer.splice(proto.initializer.indexOf(weight.tensor as TensorProto), 1);
    const input = proto.input.findIndex((info) => info.name === weight.name);
    if (input >= 0 && !keepGraphInput) proto.input.splice(input, 1);
  } else if (weight.location === 'sparse-initializer') {
    proto.sparseInitializer.splice(proto.sparseInitializer.indexOf(weight.sparse as SparseTensorProto), 1);
  } else {
    proto.node.splice(proto.node.indexOf(weight.node as NodeProto), 1);
  }
  if (weight.tensor !== undefined) weight.graph.model.externalData.delete(weight.tensor);
  weight.graph.model.invalidate();
}

export function requireWeight(graph: ModelGraph, name: string): WeightRef {
  if (typeof name !== 'string') throw invalidArgument('Expected a weight name');
  const weight = graph.weight(name);
  if (weight === undefined) throw notFound(`No weight named '${name}' in ${graph.describe()}`);
  return weight;
}
