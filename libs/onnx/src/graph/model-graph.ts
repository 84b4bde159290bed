import { notFound, invalidArgument } from '../errors';
import type { GraphProto, NodeProto, ValueInfoProto } from '../gen/onnx_pb';
import type { OnnxModel } from '../model/onnx-model';
import type { Tensor } from '../tensor/tensor';
import type { TensorEncoding } from '../tensor/encode';
import { subgraphsOf, type AttributeInput } from './attributes';
import {
  addInitializer,
  addNode,
  removeNode,
  replaceAllUses,
  setNodeAttribute,
  setNodeInputs,
  setNodeOutputs,
  type NodeSpec,
  type ReplaceUsesOptions,
} from './edit';
import { describeNode } from './describe';
import { sortTopologically, topologicalOrder } from './topology';
import { addGraphInput, addGraphOutput, removeGraphInput, removeGraphOutput, setValueInfo, valueType, type ValueType } from './values';
import type { Dim } from '../model-summary';
import { addWeight, type WeightPlacement } from './weight-placement';
import { listWeights, type WeightRef } from './weights';

/** A node given by object or by its (unique) name. */
export type NodeRef = NodeProto | string;

/** One read of a value: a node input, a node whose subgraph reads it from outer scope, or a graph output. */
export type ValueUse =
  | { readonly kind: 'node-input'; readonly node: NodeProto; readonly index: number }
  | { readonly kind: 'subgraph'; readonly node: NodeProto }
  | { readonly kind: 'graph-output'; readonly index: number };

interface GraphIndex {
  readonly revision: number;
  readonly producers: Map<string, NodeProto>;
  readonly inputUses: Map<string, { node: NodeProto; index: number }[]>;
  readonly subgraphUses: Map<string, NodeProto[]>;
  readonly nodesByName: Map<string, NodeProto[]>;
  readonly defined: Set<string>;
  readonly outerReferences: Set<string>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * One graph of a model: the main graph or a subgraph (If branch, Loop/Scan body). Lookups are
 * indexed and the index is rebuilt after any edit made through this API; after editing the
 * protos directly, call `model.invalidate()`.
 */
export class ModelGraph {
  private cached: GraphIndex | undefined;

  constructor(
    readonly model: OnnxModel,
    readonly proto: GraphProto,
    readonly parent: ModelGraph | undefined,
    /** The node (in `parent`) and attribute that hold this subgraph. */
    readonly owner: { readonly node: NodeProto; readonly attribute: string } | undefined,
  ) {}

  get name(): string {
    return this.proto.name;
  }

  get nodes(): readonly NodeProto[] {
    return this.proto.node;
  }

  get inputs(): readonly ValueInfoProto[] {
    return this.proto.input;
  }

  get outputs(): readonly ValueInfoProto[] {
    return this.proto.output;
  }

  /** "graph 'main'" or "subgraph 'body' of Loop node 'loop1'", for messages. */
  describe(): string {
    const label = `'${this.proto.name}'`;
    if (this.owner === undefined) return `graph ${label}`;
    return `subgraph ${label} (attribute '${this.owner.attribute}' of ${describeNode(this.owner.node)})`;
  }

  /** Subgraphs held directly by this graph's nodes. */
  subgraphs(): ModelGraph[] {
    const found: ModelGraph[] = [];
    for (const node of this.proto.node) {
      for (const { attribute, graph } of subgraphsOf(node)) found.push(this.model.graphOf(graph, this, node, attribute));
    }
    return found;
  }

  private index(): GraphIndex {
    const revision = this.model.revision;
    if (this.cached !== undefined && this.cached.revision === revision) return this.cached;
    const producers = new Map<string, NodeProto>();
    const inputUses = new Map<string, { node: NodeProto; index: number }[]>();
    const subgraphUses = new Map<string, NodeProto[]>();
    const nodesByName = new Map<string, NodeProto[]>();
    const defined = new Set<string>();
    for (const input of this.proto.input) defined.add(input.name);
    for (const initializer of this.proto.initializer) defined.add(initializer.name);
    for (const sparse of this.proto.sparseInitializer) if (sparse.values !== undefined) defined.add(sparse.values.name);
    const referenced = new Set<string>();
    for (const node of this.proto.node) {
      if (node.name !== '') push(nodesByName, node.name, node);
      node.input.forEach((name, index) => {
        if (name === '') return;
        push(inputUses, name, { node, index });
        referenced.add(name);
      });
      for (const output of node.output) {
        if (output === '') continue;
        defined.add(output);
        if (!producers.has(output)) producers.set(output, node);
      }
      const outer = new Set<string>();
      for (const { attribute, graph } of subgraphsOf(node)) {
        for (const name of this.model.graphOf(graph, this, node, attribute).outerReferences()) outer.add(name);
      }
      for (const name of outer) {
        push(subgraphUses, name, node);
        referenced.add(name);
      }
    }
    for (const output of this.proto.output) if (output.name !== '') referenced.add(output.name);
    const outerReferences = new Set<string>();
    for (const name of referenced) if (!defined.has(name)) outerReferences.add(name);
    this.cached = { revision, producers, inputUses, subgraphUses, nodesByName, defined, outerReferences };
    return this.cached;
  }

  /** Names this graph (and its subgraphs) read but do not define: values of enclosing scopes. */
  outerReferences(): ReadonlySet<string> {
    return this.index().outerReferences;
  }

  /** True when the value is defined in this graph itself (input, initializer, sparse initializer, node output). */
  definesValue(name: string): boolean {
    return this.index().defined.has(name);
  }

  /** The graph (this one or an enclosing one) where a value name resolves. */
  scopeOf(name: string): ModelGraph | undefined {
    if (this.definesValue(name)) return this;
    return this.parent?.scopeOf(name);
  }

  /** The node with this name, if exactly one node has it. */
  node(name: string): NodeProto | undefined {
    const nodes = this.index().nodesByName.get(name);
    return nodes !== undefined && nodes.length === 1 ? nodes[0] : undefined;
  }

  /** Resolves a node reference, throwing NOT_FOUND (or INVALID_ARGUMENT when the name is ambiguous). */
  requireNode(ref: NodeRef): NodeProto {
    if (typeof ref !== 'string') {
      if (!this.proto.node.includes(ref)) throw notFound(`${describeNode(ref)} is not in ${this.describe()}`);
      return ref;
    }
    const nodes = this.index().nodesByName.get(ref);
    if (nodes === undefined) throw notFound(`No node named '${ref}' in ${this.describe()}`);
    if (nodes.length > 1) throw invalidArgument(`${nodes.length} nodes are named '${ref}' in ${this.describe()}; call model.ensureNodeNames() first`);
    return nodes[0];
  }

  /** The node in this graph that produces a value. */
  producer(value: string): NodeProto | undefined {
    return this.index().producers.get(value);
  }

  /** Every read of a value in this graph: node inputs, subgraphs reading it from outer scope, graph outputs. */
  consumers(value: string): ValueUse[] {
    const index = this.index();
    const uses: ValueUse[] = [];
    for (const use of index.inputUses.get(value) ?? []) uses.push({ kind: 'node-input', node: use.node, index: use.index });
    for (const node of index.subgraphUses.get(value) ?? []) uses.push({ kind: 'subgraph', node });
    this.proto.output.forEach((output, index) => {
      if (output.name === value) uses.push({ kind: 'graph-output', index });
    });
    return uses;
  }

  /** Nodes in an order where every node comes after the producers of what it reads (throws INVALID_MODEL on a cycle). */
  topologicalOrder(): NodeProto[] {
    return topologicalOrder(this);
  }

  /** Reorders the node list topologically (stable: already-sorted graphs stay as they are); true when it changed. */
  sortTopologically(): boolean {
    return sortTopologically(this);
  }

  addNode(spec: NodeSpec): NodeProto {
    return addNode(this, spec);
  }

  removeNode(ref: NodeRef): NodeProto {
    return removeNode(this, ref);
  }

  setNodeInputs(ref: NodeRef, inputs: readonly string[]): void {
    setNodeInputs(this, ref, inputs);
  }

  setNodeOutputs(ref: NodeRef, outputs: readonly string[]): void {
    setNodeOutputs(this, ref, outputs);
  }

  /** Sets, adds or (with null) removes a node attribute. */
  setAttribute(ref: NodeRef, name: string, value: AttributeInput | null): void {
    setNodeAttribute(this, ref, name, value);
  }

  /** Makes every read of `from` (in this graph and its subgraphs, where not shadowed) read `to`; returns the count. */
  replaceAllUses(from: string, to: string, options?: ReplaceUsesOptions): number {
    return replaceAllUses(this, from, to, options);
  }

  /** Weights defined in this graph: initializers, sparse initializers and Constant nodes. */
  weights(): WeightRef[] {
    return listWeights(this);
  }

  weight(name: string): WeightRef | undefined {
    return this.weights().find((weight) => weight.name === name);
  }

  addInitializer(tensor: Tensor, encoding: TensorEncoding = 'raw'): void {
    addInitializer(this, tensor, encoding);
  }

  /** Adds a weight as an initializer (default), a sparse initializer or a Constant node. */
  addWeight(tensor: Tensor, placement?: WeightPlacement): void {
    addWeight(this, tensor, placement);
  }

  /** Element type and shape recorded for a value (graph input/output, value_info, initializer, Constant). */
  valueType(name: string): ValueType | undefined {
    return valueType(this, name);
  }

  /** Records a value's type and shape in value_info (or updates the graph input/output that declares it). */
  setValueInfo(name: string, elemType: number, shape: readonly Dim[] | null): void {
    setValueInfo(this, name, elemType, shape);
  }

  addInput(name: string, elemType: number, shape: readonly Dim[] | null): void {
    addGraphInput(this, name, elemType, shape);
  }

  /** Declares an existing value as a graph output. */
  addOutput(name: string, elemType: number, shape: readonly Dim[] | null): void {
    addGraphOutput(this, name, elemType, shape);
  }

  removeInput(name: string): void {
    removeGraphInput(this, name);
  }

  removeOutput(name: string): void {
    removeGraphOutput(this, name);
  }
}
