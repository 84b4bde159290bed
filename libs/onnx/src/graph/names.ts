import type { GraphProto, ModelProto, NodeProto } from '../gen/onnx_pb';
import { subgraphsOf } from './attributes';

/** Every name a model uses: values, nodes, graphs and functions, in all graphs. */
export function collectNames(model: ModelProto): Set<string> {
  const names = new Set<string>();
  const addNodes = (nodes: NodeProto[]) => {
    for (const node of nodes) {
      names.add(node.name);
      for (const value of node.input) names.add(value);
      for (const value of node.output) names.add(value);
      for (const { graph } of subgraphsOf(node)) addGraph(graph);
    }
  };
  const addGraph = (graph: GraphProto) => {
    names.add(graph.name);
    for (const list of [graph.input, graph.output, graph.valueInfo]) for (const info of list) names.add(info.name);
    for (const tensor of graph.initializer) names.add(tensor.name);
    for (const sparse of graph.sparseInitializer) if (sparse.values !== undefined) names.add(sparse.values.name);
    addNodes(graph.node);
  };
  if (model.graph !== undefined) addGraph(model.graph);
  for (const fn of model.functions) {
    names.add(fn.name);
    for (const value of [...fn.input, ...fn.output]) names.add(value);
    addNodes(fn.node);
  }
  names.delete('');
  return names;
}
