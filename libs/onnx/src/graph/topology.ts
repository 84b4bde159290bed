import { invalidModel } from '../errors';
import type { NodeProto } from '../gen/onnx_pb';
import { describeNode } from './describe';
import type { ModelGraph } from './model-graph';

/**
 * For each node (by position), the positions of the nodes it must follow: producers of its inputs,
 * and producers of the outer-scope values its subgraphs read.
 */
export function dependencies(graph: ModelGraph): number[][] {
  const nodes = graph.proto.node;
  const position = new Map<NodeProto, number>(nodes.map((node, i) => [node, i]));
  const deps: number[][] = nodes.map(() => []);
  const outerReads = new Map<NodeProto, string[]>();
  for (const subgraph of graph.subgraphs()) {
    const owner = (subgraph.owner as { node: NodeProto }).node;
    outerReads.set(owner, [...(outerReads.get(owner) ?? []), ...subgraph.outerReferences()]);
  }
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const add = (value: string) => {
      const producer = graph.producer(value);
      if (producer !== undefined) {
        const at = position.get(producer);
        if (at !== undefined && !deps[i].includes(at)) deps[i].push(at);
      }
    };
    for (const input of node.input) if (input !== '') add(input);
    for (const value of outerReads.get(node) ?? []) add(value);
  }
  return deps;
}

/** Min-heap of node positions, so that the order is stable: ready nodes come out in their original order. */
class PositionHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= value) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as number;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right] < items[left] ? right : left;
        if (items[child] >= last) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

/** Kahn's algorithm; a node whose dependencies never become ready is on (or behind) a cycle. */
export function topologicalOrder(graph: ModelGraph): NodeProto[] {
  const nodes = graph.proto.node;
  const deps = dependencies(graph);
  const waiting = deps.map((list) => list.length);
  const dependents: number[][] = nodes.map(() => []);
  deps.forEach((list, i) => list.forEach((dep) => dependents[dep].push(i)));
  const ready = new PositionHeap();
  waiting.forEach((count, i) => {
    if (count === 0) ready.push(i);
  });
  const order: NodeProto[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(nodes[i]);
    for (const next of dependents[i]) {
      waiting[next]--;
      if (waiting[next] === 0) ready.push(next);
    }
  }
  if (order.length !== nodes.length) {
    const stuck = nodes.filter((_, i) => waiting[i] > 0);
    const named = stuck.slice(0, 5).map(describeNode).join(', ');
    throw invalidModel(`${graph.describe()} has a cycle among ${stuck.length} nodes, including ${named}`, {
      nodes: stuck.slice(0, 20).map((node) => node.name),
    });
  }
  return order;
}

export function sortTopologically(graph: ModelGraph): boolean {
  const order = topologicalOrder(graph);
  const changed = order.some((node, i) => graph.proto.node[i] !== node);
  if (changed) {
    graph.proto.node = order;
    graph.model.invalidate();
  }
  return changed;
}

/** True when every node comes after the producers it depends on. */
export function isTopologicallySorted(graph: ModelGraph): boolean {
  return dependencies(graph).every((list, i) => list.every((dep) => dep < i));
}
