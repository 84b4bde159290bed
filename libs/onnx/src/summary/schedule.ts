import type { NodeProto } from '../gen/onnx_pb';
import type { ModelGraph } from '../graph/model-graph';

/**
 * The most activation memory alive at once when the layers run in the given (topological)
 * order: graph inputs from the start, each output from its layer until its last reader (graph
 * outputs until the end); while a layer runs, its inputs and outputs are all alive. Weights are
 * not counted. Null when any activation's size is unknown.
 */
export function peakActivationBytes(
  graph: ModelGraph,
  layers: readonly NodeProto[],
  bytesOf: (value: string) => number | null,
  weights: ReadonlySet<string>,
  subgraphsByNode: ReadonlyMap<NodeProto, readonly ModelGraph[]>,
): number | null {
  const lastUse = new Map<string, number>();
  const reads = (node: NodeProto): string[] => {
    const names = node.input.filter((input) => input !== '' && !weights.has(input));
    for (const sub of subgraphsByNode.get(node) ?? []) for (const name of sub.outerReferences()) if (!weights.has(name)) names.push(name);
    return names;
  };
  const readLists = layers.map(reads);
  readLists.forEach((names, i) => names.forEach((name) => lastUse.set(name, i)));
  const kept = new Set(graph.proto.output.map((output) => output.name));
  const live = new Map<string, number>();
  let current = 0;
  const allocate = (name: string): boolean => {
    if (live.has(name)) return true;
    const bytes = bytesOf(name);
    if (bytes === null) return false;
    live.set(name, bytes);
    current += bytes;
    return true;
  };
  for (const input of graph.proto.input) {
    if (!weights.has(input.name) && !allocate(input.name)) return null;
  }
  let peak = current;
  for (let i = 0; i < layers.length; i++) {
    for (const output of layers[i].output) if (output !== '' && !allocate(output)) return null;
    peak = Math.max(peak, current);
    for (const name of [...readLists[i], ...layers[i].output]) {
      const bytes = live.get(name);
      if (bytes === undefined || kept.has(name) || (lastUse.get(name) ?? -1) > i) continue;
      live.delete(name);
      current -= bytes;
    }
  }
  return peak;
}
