import type { NodeProto } from '../gen/onnx_pb';
import { normalizeDomain } from '../graph/describe';
import type { ModelGraph } from '../graph/model-graph';
import { valueTypeOf } from '../graph/value-info';
import { isConstantNode, listWeights, readWeight, weightInfo, type WeightRef } from '../graph/weights';
import type { OnnxModel } from '../model/onnx-model';
import type { Dim, LayerCost, ModelSummary, ValueSummary } from '../model-summary';
import { dataTypeInfo, dataTypeName } from '../tensor/data-types';
import { isExternal } from '../tensor/layout';
import type { TensorData } from '../tensor/tensor';
import { product } from './dims';
import { isMacOperator, layerMacs } from './macs';
import { layerPrecision } from './precision';
import { peakActivationBytes } from './schedule';
import { inferShapes, type ShapeOptions } from './shape-inference';

export type SummaryOptions = ShapeOptions;

/**
 * What a model contains and costs. Parameters count every weight in every graph: initializers,
 * sparse initializers (their dense size) and every tensor-valued Constant node (small shape
 * constants included, so a model keeping its weights in Constants counts the same as one using
 * initializers). Layers, MACs and activation sizes are for the main graph, from inferShapes
 * (give `dims` or `inputShapes` for dynamic inputs); nodes that only transform weights
 * (DequantizeLinear of a weight, Constant) are folded into the layer that reads them.
 */
export function summarizeModel(model: OnnxModel, options: SummaryOptions = {}): ModelSummary {
  const weights = weightStatistics(model);
  const inference = inferShapes(model, options);
  const graph = model.graph;
  const weightNames = new Set(listWeights(graph).map((weight) => weight.name));
  const constantDerived = foldedValues(inference.order, weightNames);
  const elemType = (name: string) => inference.values.get(name)?.elemType ?? 0;
  const shapeOf = (name: string) => inference.values.get(name)?.shape ?? null;
  const bytesOf = (name: string): number | null => {
    const info = dataTypeInfo(elemType(name));
    const count = product(shapeOf(name));
    return info === undefined || info.bits === 0 || count === null ? null : (count * info.bits) / 8;
  };

  const layerNodes = inference.order.filter((node) => !isFolded(node, constantDerived));
  const subgraphsByNode = new Map<NodeProto, ModelGraph[]>();
  for (const sub of graph.subgraphs()) {
    const owner = (sub.owner as { node: NodeProto }).node;
    subgraphsByNode.set(owner, [...(subgraphsByNode.get(owner) ?? []), sub]);
  }
  const attributed = new Set<string>();
  const behind = weightsBehind(inference.order, weightNames, constantDerived);
  const names = uniqueLayerNames(layerNodes, graph);
  const layers: LayerCost[] = layerNodes.map((node, i) => {
    let weightParams = 0;
    let weightBytes = 0;
    let activationBytes: number | null = 0;
    for (const input of node.input) {
      if (input === '') continue;
      if (constantDerived.has(input)) {
        for (const weight of behind.get(input) ?? []) {
          if (attributed.has(weight)) continue;
          attributed.add(weight);
          const stats = weights.byName.get(weight);
          weightParams += stats?.parameters ?? 0;
          weightBytes += stats?.bytes ?? 0;
        }
        continue;
      }
      activationBytes = add(activationBytes, bytesOf(input));
    }
    for (const output of node.output) if (output !== '') activationBytes = add(activationBytes, bytesOf(output));
    const subgraphs = subgraphsByNode.get(node) ?? [];
    const macs = subgraphs.length > 0 ? (subgraphs.some(containsMacs) ? null : 0) : layerMacs(node, shapeOf);
    return {
      node: names[i],
      opType: node.opType,
      domain: normalizeDomain(node.domain),
      macs,
      weightParams,
      weightBytes,
      activationBytes,
      precision: layerPrecision(node, { producer: (value) => graph.producer(value), elemType }),
    };
  });

  const inputs = declaredValues(graph, 'input').filter((value) => !weightNames.has(value.name));
  return {
    irVersion: model.irVersion,
    producer: [model.proto.producerName, model.proto.producerVersion].filter((part) => part !== '').join(' '),
    opsets: model.opsets(),
    ...operatorHistograms(model),
    parameters: weights.parameters,
    nonZeroParameters: weights.nonZero,
    weightBytes: weights.bytes,
    weightBytesByType: weights.bytesByType,
    parametersByType: weights.parametersByType,
    inputs,
    outputs: declaredValues(graph, 'output'),
    macs: layers.reduce((sum, layer) => sum + (layer.macs ?? 0), 0),
    macsComplete: layers.every((layer) => layer.macs !== null),
    peakActivationBytes: peakActivationBytes(graph, layerNodes, bytesOf, constantDerived, subgraphsByNode),
    dynamicShapes: inputs.some((input) => input.shape === null || input.shape.some((dim) => typeof dim !== 'number')),
    layers,
  };
}

function add(total: number | null, bytes: number | null): number | null {
  return total === null || bytes === null ? null : total + bytes;
}

const NONDETERMINISTIC = new Set(['RandomNormal', 'RandomUniform', 'RandomNormalLike', 'RandomUniformLike', 'Multinomial', 'Bernoulli']);

/** Values computed from weights alone (Constant outputs, DequantizeLinear of a weight, ...). */
function foldedValues(order: readonly NodeProto[], weightNames: ReadonlySet<string>): Set<string> {
  const folded = new Set(weightNames);
  for (const node of order) {
    const inputs = node.input.filter((input) => input !== '');
    const fromWeights = isConstantNode(node) || (inputs.length > 0 && inputs.every((input) => folded.has(input)) && !NONDETERMINISTIC.has(node.opType));
    const plain = node.attribute.every((attribute) => attribute.g === undefined && attribute.graphs.length === 0);
    if (fromWeights && plain) for (const output of node.output) if (output !== '') folded.add(output);
  }
  return folded;
}

function isFolded(node: NodeProto, folded: ReadonlySet<string>): boolean {
  const outputs = node.output.filter((output) => output !== '');
  return outputs.length > 0 && outputs.every((output) => folded.has(output));
}

/** For each folded value, the weights it is computed from. */
function weightsBehind(order: readonly NodeProto[], weightNames: ReadonlySet<string>, folded: ReadonlySet<string>): Map<string, string[]> {
  const behind = new Map<string, string[]>();
  for (const name of weightNames) behind.set(name, [name]);
  for (const node of order) {
    if (isConstantNode(node) || !isFolded(node, folded)) continue;
    const sources = node.input.flatMap((input) => behind.get(input) ?? []);
    if (sources.length === 0) continue;
    for (const output of node.output) if (output !== '' && !behind.has(output)) behind.set(output, [...new Set(sources)]);
  }
  return behind;
}

function uniqueLayerNames(nodes: readonly NodeProto[], graph: ModelGraph): string[] {
  const taken = new Set(graph.nodes.map((node) => node.name).filter((name) => name !== ''));
  const used = new Set<string>();
  return nodes.map((node, i) => {
    if (node.name !== '' && !used.has(node.name)) {
      used.add(node.name);
      return node.name;
    }
    let name = `${node.opType}_${i}`;
    for (let k = 1; taken.has(name) || used.has(name); k++) name = `${node.opType}_${i}_${k}`;
    used.add(name);
    return name;
  });
}

function containsMacs(graph: ModelGraph): boolean {
  return graph.nodes.some(isMacOperator) || graph.subgraphs().some(containsMacs);
}

function operatorHistograms(model: OnnxModel): Pick<ModelSummary, 'ops' | 'opsByDomain'> {
  const ops: Record<string, number> = {};
  const opsByDomain: Record<string, Record<string, number>> = {};
  for (const graph of model.graphs()) {
    for (const node of graph.nodes) {
      const domain = normalizeDomain(node.domain);
      const key = domain === '' ? node.opType : `${domain}.${node.opType}`;
      ops[key] = (ops[key] ?? 0) + 1;
      opsByDomain[domain] ??= {};
      opsByDomain[domain][node.opType] = (opsByDomain[domain][node.opType] ?? 0) + 1;
    }
  }
  return { ops, opsByDomain };
}

function declaredValues(graph: ModelGraph, kind: 'input' | 'output'): ValueSummary[] {
  return graph.proto[kind].map((info) => {
    const type = valueTypeOf(info);
    return { name: info.name, elemType: type === undefined ? 'unknown' : dataTypeName(type.elemType), shape: type?.shape ?? (null as Dim[] | null) };
  });
}

interface WeightStatistics {
  parameters: number;
  nonZero: number;
  bytes: number;
  bytesByType: Record<string, number>;
  parametersByType: Record<string, number>;
  byName: Map<string, { parameters: number; bytes: number }>;
}

/** Counts over every weight of every graph. Values stored in unloaded external data count as non-zero. */
function weightStatistics(model: OnnxModel): WeightStatistics {
  const stats: WeightStatistics = { parameters: 0, nonZero: 0, bytes: 0, bytesByType: {}, parametersByType: {}, byName: new Map() };
  for (const weight of model.weights()) {
    const info = weightInfo(weight);
    stats.parameters += info.elementCount;
    stats.bytes += info.byteLength;
    stats.bytesByType[info.dataTypeName] = (stats.bytesByType[info.dataTypeName] ?? 0) + info.byteLength;
    stats.parametersByType[info.dataTypeName] = (stats.parametersByType[info.dataTypeName] ?? 0) + info.elementCount;
    stats.nonZero += nonZeroCount(weight, info.elementCount);
    if (weight.graph === model.graph) stats.byName.set(weight.name, { parameters: info.elementCount, bytes: info.byteLength });
  }
  return stats;
}

function nonZeroCount(weight: WeightRef, elementCount: number): number {
  if (weight.tensor !== undefined && isExternal(weight.tensor) && !weight.graph.model.externalData.has(weight.tensor)) return elementCount;
  return countNonZero(readWeight(weight).data, elementCount);
}

/** Elements that are not zero (NaN counts, -0 does not); complex elements count once. */
export function countNonZero(data: TensorData, elementCount: number): number {
  if (Array.isArray(data)) return data.filter((item) => item.length > 0).length;
  let count = 0;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    for (let i = 0; i < data.length; i++) if (data[i] !== 0n) count++;
    return count;
  }
  const values = data as ArrayLike<number>;
  if (values.length === elementCount) {
    for (let i = 0; i < elementCount; i++) if (values[i] !== 0) count++;
    return count;
  }
  // Complex types: an element is non-zero when either part is.
  for (let i = 0; i < elementCount; i++) if (values[2 * i] !== 0 || values[2 * i + 1] !== 0) count++;
  return count;
}
