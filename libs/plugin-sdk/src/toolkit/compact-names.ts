import type { AttributeInput, AttributeValue, NodeView } from '../context/model-api';
import type { StageContext } from '../context/stage-context';
import { GraphIndex } from './graph-index';

export interface CompactNamesReport {
  /** Nodes renamed (every node of the main graph, when the graph has no subgraphs). */
  readonly nodes: number;
  /** Values and initializers renamed (graph inputs and outputs keep their names). */
  readonly values: number;
  /** Why nothing was renamed, when nothing was. */
  readonly skipped?: string;
}

function attributeInput(value: AttributeValue): AttributeInput | undefined {
  switch (value.type) {
    case 'int':
    case 'float':
    case 'ints':
    case 'floats':
    case 'tensor':
      return value;
    case 'string':
    case 'strings':
      return value.value;
    default:
      return undefined;
  }
}

/** Attribute values that equal the ONNX default (the spec's default, or all ones / all zeros for per-axis lists). */
const DEFAULTS: Readonly<Record<string, Readonly<Record<string, 'ones' | 'zeros' | number | string>>>> = {
  Conv: { dilations: 'ones', strides: 'ones', pads: 'zeros', group: 1, auto_pad: 'NOTSET' },
  ConvTranspose: { dilations: 'ones', strides: 'ones', pads: 'zeros', group: 1, auto_pad: 'NOTSET' },
  MaxPool: { dilations: 'ones', strides: 'ones', pads: 'zeros', auto_pad: 'NOTSET', ceil_mode: 0, storage_order: 0 },
  AveragePool: { strides: 'ones', pads: 'zeros', auto_pad: 'NOTSET', ceil_mode: 0, count_include_pad: 0 },
  Gemm: { alpha: 1, beta: 1, transA: 0, transB: 0 },
  HardSigmoid: { alpha: 0.2, beta: 0.5 },
};

function isDefault(node: NodeView, name: string, value: AttributeValue): boolean {
  if (node.domain !== '' && node.domain !== 'ai.onnx') return false;
  const expected = DEFAULTS[node.opType]?.[name];
  if (expected === undefined) return false;
  if (expected === 'ones' || expected === 'zeros') return value.type === 'ints' && value.value.every((entry) => entry === (expected === 'ones' ? 1 : 0));
  // Float attributes are stored as float32: HardSigmoid's default alpha reads back as fround(0.2).
  if (value.type === 'float') return typeof expected === 'number' && value.value === Math.fround(expected);
  return (value.type === 'int' || value.type === 'string') && value.value === expected;
}

function shortName(prefix: string, index: number): string {
  return `${prefix}${index.toString(36)}`;
}

/**
 * Gives every node, intermediate value and initializer of the main graph a short name (n0, n1,
 * ... for nodes, v0, v1, ... for values), keeping the names of graph inputs and outputs, and
 * stores the weights of Constant nodes as initializers, and drops attributes that hold their ONNX
 * default (Conv dilations of 1, zero pads, group 1, ...). Names are
 * metadata, but on a small model they are a real share of the file: the PP-OCR classifier spends
 * about 22 KB of its 580 KB on them, more than a tenth of its size once the weights are int8.
 * Models with subgraphs (If/Loop/Scan) are left alone: a subgraph may name outer values.
 */
export async function compactNames(ctx: StageContext): Promise<CompactNamesReport> {
  const view = await ctx.model.graph();
  const index = new GraphIndex(view);
  if (view.nodes.some((node) => Object.values(node.attributes).some((attribute) => attribute.type === 'graph' || attribute.type === 'graphs'))) {
    return { nodes: 0, values: 0, skipped: 'the graph has subgraphs' };
  }
  if (view.nodes.some((node) => node.name === '')) return { nodes: 0, values: 0, skipped: 'some nodes have no name' };
  const kept = new Set<string>([...view.inputs, ...view.outputs].map((value) => value.name));
  const taken = new Set<string>([...kept, ...view.nodes.map((node) => node.name)]);
  for (const node of view.nodes) for (const name of [...node.inputs, ...node.outputs]) taken.add(name);
  for (const weight of view.weights) taken.add(weight.name);
  let counter = 0;
  const fresh = (prefix: string) => {
    for (;;) {
      const name = shortName(prefix, counter++);
      if (!taken.has(name)) return name;
    }
  };
  const renamed = new Map<string, string>();
  const rename = (name: string) => {
    if (name === '' || kept.has(name)) return name;
    let short = renamed.get(name);
    if (short === undefined) {
      short = fresh('v');
      renamed.set(name, short);
    }
    return short;
  };

  // Initializers and Constant-node weights move to initializers under their new names (a Constant
  // node costs its own node record on top of the tensor).
  const moved = view.weights.filter((weight) => (weight.location === 'initializer' || weight.location === 'constant') && !kept.has(weight.name));
  for (const weight of moved) await ctx.model.setWeight(rename(weight.name), weight.tensor, { location: 'initializer' });
  const constants = new Set(moved.filter((weight) => weight.location === 'constant').map((weight) => weight.name));
  const initializers = moved.filter((weight) => weight.location === 'initializer').map((weight) => weight.name);
  if (initializers.length > 0) await ctx.model.removeWeights(initializers);

  let nodes = 0;
  const constantNodes = view.nodes.filter((node) => index.isWeightNode(node) && constants.has(node.outputs[0]));
  if (constantNodes.length > 0) await ctx.model.removeNodes(constantNodes.map((node) => node.name));
  const rebuilt: NodeView[] = view.nodes.filter((node) => !constantNodes.includes(node));
  await ctx.model.removeNodes(rebuilt.map((node) => node.name));
  for (const node of rebuilt) {
    const attributes: Record<string, AttributeInput> = {};
    for (const [key, value] of Object.entries(node.attributes)) if (!isDefault(node, key, value)) attributes[key] = attributeInput(value) as AttributeInput;
    await ctx.model.addNode({
      opType: node.opType,
      domain: node.domain,
      name: fresh('n'),
      inputs: node.inputs.map(rename),
      outputs: node.outputs.map(rename),
      attributes,
    });
    nodes++;
  }
  return { nodes, values: renamed.size };
}
