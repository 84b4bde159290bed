import type { NodeProto } from '../gen/onnx_pb';
import type { OnnxModel } from '../model/onnx-model';
import type { ModelGraph } from './model-graph';
import { isConstantNode, listWeights, removeWeight } from './weights';

/**
 * Removes nodes whose outputs nobody reads (graph outputs and subgraph outer-scope reads count as
 * reads), in every graph, in one backward pass per graph over a topological order. ONNX operators
 * have no side effects, so an unread node is dead. Returns the removed nodes.
 */
export function removeDeadNodes(model: OnnxModel): NodeProto[] {
  const removed: NodeProto[] = [];
  const visit = (graph: ModelGraph) => {
    const live = new Set(graph.proto.output.map((output) => output.name));
    const outerReads = new Map<NodeProto, readonly string[]>();
    for (const sub of graph.subgraphs()) {
      const owner = (sub.owner as { node: NodeProto }).node;
      outerReads.set(owner, [...(outerReads.get(owner) ?? []), ...sub.outerReferences()]);
    }
    const order = graph.topologicalOrder();
    const dead = new Set<NodeProto>();
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      if (!node.output.some((output) => output !== '' && live.has(output))) {
        dead.add(node);
        continue;
      }
      for (const input of node.input) live.add(input);
      for (const name of outerReads.get(node) ?? []) live.add(name);
    }
    if (dead.size > 0) {
      const gone = new Set<string>();
      for (const node of dead) for (const output of node.output) gone.add(output);
      graph.proto.node = graph.proto.node.filter((node) => !dead.has(node));
      graph.proto.valueInfo = graph.proto.valueInfo.filter((info) => !gone.has(info.name));
      removed.push(...dead);
      model.invalidate();
    }
    for (const sub of graph.subgraphs()) visit(sub);
  };
  visit(model.graph);
  return removed;
}

/** Removes initializers, sparse initializers and Constant nodes that nothing reads. Returns their names. */
export function removeUnusedWeights(model: OnnxModel): string[] {
  const removed: string[] = [];
  for (const graph of model.graphs()) {
    const unused = listWeights(graph).filter((weight) => graph.consumers(weight.name).length === 0);
    for (const weight of unused) {
      removeWeight(weight);
      removed.push(weight.name);
    }
  }
  return removed;
}

/** Dead nodes, then weights left unread. Constant nodes count as weights in the result. */
export function removeUnused(model: OnnxModel): { nodes: number; weights: number } {
  const deadNodes = removeDeadNodes(model);
  const constants = deadNodes.filter(isConstantNode).length;
  const weights = removeUnusedWeights(model).length;
  return { nodes: deadNodes.length - constants, weights: weights + constants };
}
