import type { GraphView, NodeView, ValueView, WeightView } from '../context/model-api';

/** One read of a value by a node: the node and which of its inputs reads it. */
export interface ValueUse {
  readonly node: NodeView;
  readonly index: number;
}

/**
 * Lookups over one GraphView snapshot: who produces a value, who reads it, whether it is a weight
 * or a graph output, and its known shape. Built once per snapshot (the view is immutable); take a
 * new snapshot after editing the model.
 */
export class GraphIndex {
  private readonly producers = new Map<string, NodeView>();
  private readonly uses = new Map<string, ValueUse[]>();
  private readonly nodesByName = new Map<string, NodeView>();
  private readonly weightsByName = new Map<string, WeightView>();
  private readonly outputs = new Set<string>();
  private readonly shapes = new Map<string, ValueView>();

  constructor(readonly view: GraphView) {
    for (const weight of view.weights) this.weightsByName.set(weight.name, weight);
    for (const node of view.nodes) {
      if (node.name !== '') this.nodesByName.set(node.name, node);
      node.outputs.forEach((output) => {
        if (output !== '' && !this.producers.has(output)) this.producers.set(output, node);
      });
      node.inputs.forEach((input, index) => {
        if (input === '') return;
        const list = this.uses.get(input);
        if (list === undefined) this.uses.set(input, [{ node, index }]);
        else list.push({ node, index });
      });
    }
    for (const output of view.outputs) this.outputs.add(output.name);
    for (const value of [...view.values, ...view.inputs, ...view.outputs]) this.shapes.set(value.name, value);
  }

  /** The node computing a value; undefined for graph inputs and initializers (a Constant node is a producer). */
  producer(value: string): NodeView | undefined {
    return this.producers.get(value);
  }

  /** Every node input that reads a value, in node order. */
  consumers(value: string): readonly ValueUse[] {
    return this.uses.get(value) ?? [];
  }

  /** True when nothing but graph outputs could observe the value: no node reads it. */
  isUnread(value: string): boolean {
    return this.consumers(value).length === 0 && !this.outputs.has(value);
  }

  /** The only node reading a value, when exactly one input of one node reads it and it is not a graph output. */
  soleConsumer(value: string): ValueUse | undefined {
    const uses = this.consumers(value);
    if (uses.length !== 1 || this.outputs.has(value)) return undefined;
    return uses[0];
  }

  isGraphOutput(value: string): boolean {
    return this.outputs.has(value);
  }

  node(name: string): NodeView | undefined {
    return this.nodesByName.get(name);
  }

  /** The weight (initializer, sparse initializer or Constant node output) with this name. */
  weight(name: string): WeightView | undefined {
    return this.weightsByName.get(name);
  }

  isWeight(name: string): boolean {
    return this.weightsByName.has(name);
  }

  /** Known dimensions of a value (weights included), or undefined when its rank is unknown. */
  shape(name: string): ReadonlyArray<number | string | null> | undefined {
    const weight = this.weightsByName.get(name);
    if (weight !== undefined) return weight.dims;
    return this.shapes.get(name)?.shape ?? undefined;
  }

  /** True for nodes that only hold a weight (Constant nodes listed as weights). */
  isWeightNode(node: NodeView): boolean {
    return node.outputs.length === 1 && node.inputs.length === 0 && this.weightsByName.has(node.outputs[0]);
  }
}
