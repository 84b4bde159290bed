import type { AttributeProto, GraphProto, ModelProto, NodeProto, SparseTensorProto, TensorProto, ValueInfoProto } from '../gen/onnx_pb';
import { describeNode } from '../graph/describe';

/**
 * Visits every tensor and declared value of a model in a fixed order: per graph its initializers,
 * sparse initializers, node attribute tensors and (depth first) subgraphs; then model-local
 * functions and training graphs. `where` says in words where each one sits, for error messages.
 */
export interface ModelVisitor {
  tensor?(tensor: TensorProto, where: string): void;
  sparse?(sparse: SparseTensorProto, where: string): void;
  valueInfo?(info: ValueInfoProto, where: string): void;
}

export function walkModel(model: ModelProto, visitor: ModelVisitor): void {
  if (model.graph !== undefined) walkGraph(model.graph, `graph '${model.graph.name}'`, visitor);
  for (const fn of model.functions) {
    const scope = `function '${fn.domain === '' ? '' : `${fn.domain}.`}${fn.name}'`;
    for (const info of fn.valueInfo) visitor.valueInfo?.(info, scope);
    walkNodes(fn.node, scope, visitor);
  }
  model.trainingInfo.forEach((info, i) => {
    if (info.initialization !== undefined) walkGraph(info.initialization, `training_info[${i}].initialization`, visitor);
    if (info.algorithm !== undefined) walkGraph(info.algorithm, `training_info[${i}].algorithm`, visitor);
  });
}

function walkGraph(graph: GraphProto, scope: string, visitor: ModelVisitor): void {
  for (const tensor of graph.initializer) visitor.tensor?.(tensor, `initializer '${tensor.name}' of ${scope}`);
  for (const sparse of graph.sparseInitializer) visitor.sparse?.(sparse, `sparse initializer '${sparse.values?.name ?? ''}' of ${scope}`);
  if (visitor.valueInfo !== undefined) {
    for (const info of graph.input) visitor.valueInfo(info, `input '${info.name}' of ${scope}`);
    for (const info of graph.output) visitor.valueInfo(info, `output '${info.name}' of ${scope}`);
    for (const info of graph.valueInfo) visitor.valueInfo(info, `value_info '${info.name}' of ${scope}`);
  }
  walkNodes(graph.node, scope, visitor);
}

function walkNodes(nodes: NodeProto[], scope: string, visitor: ModelVisitor): void {
  for (const node of nodes) {
    for (const attribute of node.attribute) walkAttribute(attribute, `attribute '${attribute.name}' of ${describeNode(node)} in ${scope}`, visitor);
  }
}

function walkAttribute(attribute: AttributeProto, where: string, visitor: ModelVisitor): void {
  if (attribute.t !== undefined) visitor.tensor?.(attribute.t, `tensor in ${where}`);
  attribute.tensors.forEach((tensor, i) => visitor.tensor?.(tensor, `tensor ${i} in ${where}`));
  if (attribute.sparseTensor !== undefined) visitor.sparse?.(attribute.sparseTensor, `sparse tensor in ${where}`);
  attribute.sparseTensors.forEach((sparse, i) => visitor.sparse?.(sparse, `sparse tensor ${i} in ${where}`));
  if (attribute.g !== undefined) walkGraph(attribute.g, `subgraph '${attribute.g.name}' (${where})`, visitor);
  attribute.graphs.forEach((graph, i) => walkGraph(graph, `subgraph ${i} '${graph.name}' (${where})`, visitor));
}
