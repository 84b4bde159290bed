import { create } from '@bufbuild/protobuf';
import { invalidArgument } from '../errors';
import { NodeProtoSchema, type NodeProto } from '../gen/onnx_pb';
import { encodeTensor, type TensorEncoding } from '../tensor/encode';
import type { Tensor } from '../tensor/tensor';
import { makeAttribute, setAttributeValue, subgraphsOf, type AttributeInput } from './attributes';
import { describeNode } from './describe';
import type { ModelGraph, NodeRef } from './model-graph';

export interface NodeSpec {
  readonly opType: string;
  /** '' (the default) for ONNX operators, or a custom domain such as 'com.microsoft'. */
  readonly domain?: string;
  /** Made unique across the model when it collides; defaults to a name derived from opType. */
  readonly name?: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, AttributeInput>>;
  /** Where to insert; by default just before the first node that reads an output, else after the last producer of an input. */
  readonly before?: NodeRef;
  readonly after?: NodeRef;
}

export interface ReplaceUsesOptions {
  /** Nodes whose inputs keep reading `from` (typically the node that now consumes `from` to produce `to`). */
  readonly exceptNodes?: readonly NodeRef[];
  /** Rename matching graph outputs too (default true). Renaming a main-graph output changes the model's interface. */
  readonly graphOutputs?: boolean;
}

function checkNames(values: unknown, what: string, allowEmpty: boolean): string[] {
  if (!Array.isArray(values)) throw invalidArgument(`Expected an array of value names for ${what}`);
  return values.map((value, i) => {
    if (typeof value !== 'string' || (!allowEmpty && value === '')) {
      throw invalidArgument(`Expected ${allowEmpty ? 'a string' : 'a non-empty string'} for ${what}[${i}] but received ${JSON.stringify(value)}`);
    }
    return value;
  });
}

/** Refuses outputs that another node, input or initializer already defines (values are single-assignment). */
function checkNewOutputs(graph: ModelGraph, outputs: readonly string[], ignore?: NodeProto): void {
  const seen = new Set<string>();
  for (const output of outputs) {
    if (output === '') continue;
    if (seen.has(output)) throw invalidArgument(`Output '${output}' is listed twice`);
    seen.add(output);
    const scope = graph.scopeOf(output);
    if (scope === undefined) continue;
    if (ignore !== undefined && scope === graph && graph.producer(output) === ignore) continue;
    throw invalidArgument(`Value '${output}' is already defined in ${scope.describe()}`);
  }
}

export function addNode(graph: ModelGraph, spec: NodeSpec): NodeProto {
  if (typeof spec !== 'object' || spec === null) throw invalidArgument('Expected a node spec object');
  if (typeof spec.opType !== 'string' || spec.opType === '') throw invalidArgument('Expected a non-empty opType for the new node');
  const inputs = checkNames(spec.inputs, 'inputs', true);
  const outputs = checkNames(spec.outputs, 'outputs', true);
  checkNewOutputs(graph, outputs);
  const node = create(NodeProtoSchema, {
    input: inputs,
    output: outputs,
    name: graph.model.uniqueName(spec.name ?? spec.opType),
    opType: spec.opType,
    attribute: Object.entries(spec.attributes ?? {}).map(([name, value]) => makeAttribute(name, value)),
  });
  if (spec.domain !== undefined && spec.domain !== '') node.domain = spec.domain;
  const list = graph.proto.node;
  list.splice(insertionIndex(graph, spec, inputs, outputs), 0, node);
  graph.model.invalidate();
  return node;
}

function insertionIndex(graph: ModelGraph, spec: NodeSpec, inputs: readonly string[], outputs: readonly string[]): number {
  const list = graph.proto.node;
  if (spec.before !== undefined) return list.indexOf(graph.requireNode(spec.before));
  if (spec.after !== undefined) return list.indexOf(graph.requireNode(spec.after)) + 1;
  let firstConsumer = list.length;
  for (const output of outputs) {
    for (const use of graph.consumers(output)) {
      if (use.kind !== 'graph-output') firstConsumer = Math.min(firstConsumer, list.indexOf(use.node));
    }
  }
  if (firstConsumer < list.length) return firstConsumer;
  let lastProducer = -1;
  for (const input of inputs) {
    const producer = graph.producer(input);
    if (producer !== undefined) lastProducer = Math.max(lastProducer, list.indexOf(producer));
  }
  return lastProducer >= 0 ? lastProducer + 1 : list.length;
}

export function removeNode(graph: ModelGraph, ref: NodeRef): NodeProto {
  const node = graph.requireNode(ref);
  graph.proto.node.splice(graph.proto.node.indexOf(node), 1);
  graph.model.invalidate();
  return node;
}

export function setNodeInputs(graph: ModelGraph, ref: NodeRef, inputs: readonly string[]): void {
  const node = graph.requireNode(ref);
  node.input = checkNames(inputs, `inputs of ${describeNode(node)}`, true);
  graph.model.invalidate();
}

export function setNodeOutputs(graph: ModelGraph, ref: NodeRef, outputs: readonly string[]): void {
  const node = graph.requireNode(ref);
  const names = checkNames(outputs, `outputs of ${describeNode(node)}`, true);
  checkNewOutputs(graph, names, node);
  node.output = names;
  graph.model.invalidate();
}

export function setNodeAttribute(graph: ModelGraph, ref: NodeRef, name: string, value: AttributeInput | null): void {
  const node = graph.requireNode(ref);
  if (typeof name !== 'string' || name === '') throw invalidArgument('Expected a non-empty attribute name');
  setAttributeValue(node, name, value);
  graph.model.invalidate();
}

export function replaceAllUses(graph: ModelGraph, from: string, to: string, options: ReplaceUsesOptions = {}): number {
  if (typeof from !== 'string' || from === '' || typeof to !== 'string' || to === '') {
    throw invalidArgument('Expected non-empty value names for replaceAllUses');
  }
  if (from === to) return 0;
  const except = new Set<NodeProto>((options.exceptNodes ?? []).map((ref) => (typeof ref === 'string' ? graph.requireNode(ref) : ref)));
  const renameOutputs = options.graphOutputs ?? true;
  let count = 0;
  const visit = (current: ModelGraph): void => {
    for (const node of current.proto.node) {
      if (!except.has(node)) {
        node.input.forEach((name, index) => {
          if (name === from) {
            node.input[index] = to;
            count++;
          }
        });
      }
      for (const { attribute, graph: sub } of subgraphsOf(node)) {
        const child = current.model.graphOf(sub, current, node, attribute);
        if (!child.definesValue(from)) visit(child);
      }
    }
    if (renameOutputs || current !== graph) {
      for (const output of current.proto.output) {
        if (output.name === from) {
          output.name = to;
          count++;
        }
      }
    }
  };
  visit(graph);
  graph.model.invalidate();
  return count;
}

export function addInitializer(graph: ModelGraph, tensor: Tensor, encoding: TensorEncoding): void {
  if (tensor.name === '') throw invalidArgument('An initializer needs a name');
  const scope = graph.scopeOf(tensor.name);
  if (scope !== undefined) throw invalidArgument(`Value '${tensor.name}' is already defined in ${scope.describe()}`);
  graph.proto.initializer.push(encodeTensor(tensor, encoding));
  graph.model.invalidate();
}
