/**
 * The GraphView a plugin gets from `ctx.model.graph()`: the main graph's nodes in topological
 * order, its inputs and outputs, its weights (initializers, sparse initializers and Constant nodes)
 * as tensor handles, the shapes known for intermediate values (value_info merged with libs/onnx's
 * shape inference), and the opsets. Weights whose element type the SDK cannot express (float8,
 * complex, float4) are left out. Tests: graph-view.test.ts.
 */
import type { GraphView, NodeView, ValueView, WeightView } from '@edgepress/plugin-sdk';
import { inferShapes, type InferredValue, type OnnxModel, type ShapeInference } from '@edgepress/onnx';
import { EdgepressError } from '@edgepress/errors';
import { attributesToSdk } from './attributes';
import { sdkDataTypeOf } from './sdk-tensors';
import type { TensorTable } from './tensor-table';

type Dims = ReadonlyArray<number | string | null> | null;

function valueView(name: string, elemType: number | undefined, shape: Dims): ValueView {
  return { name, dataType: elemType === undefined || elemType === 0 ? null : (sdkDataTypeOf(elemType) ?? null), shape: shape === null ? null : [...shape] };
}

function normalizeDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

/** Shape inference of the current model, recomputed only after an edit. */
export class ShapeCache {
  private cached: { model: OnnxModel; revision: number; inference: ShapeInference | undefined } | undefined;

  get(model: OnnxModel): ShapeInference | undefined {
    if (this.cached?.model === model && this.cached.revision === model.revision) return this.cached.inference;
    let inference: ShapeInference | undefined;
    try {
      inference = inferShapes(model);
    } catch (error) {
      // A model inference cannot follow still has its declared value_info.
      if (!(error instanceof EdgepressError)) throw error;
    }
    this.cached = { model, revision: model.revision, inference };
    return inference;
  }
}

export function buildGraphView(model: OnnxModel, table: TensorTable, shapes: ShapeCache): GraphView {
  const graph = model.graph;
  const order = graph.topologicalOrder();
  const inferred: ReadonlyMap<string, InferredValue> = shapes.get(model)?.values ?? new Map();
  const typeOf = (name: string) => {
    const declared = graph.valueType(name);
    const guess = inferred.get(name);
    return { elemType: declared?.elemType || guess?.elemType, shape: declared?.shape ?? guess?.shape ?? null };
  };

  const weightRefs = graph.weights();
  const weightNames = new Set(weightRefs.map((weight) => weight.name));
  const weights: WeightView[] = [];
  for (const ref of weightRefs) {
    const info = model.weightInfo(ref);
    const dataType = sdkDataTypeOf(info.dataType);
    if (dataType === undefined) continue;
    const key: object = ref.tensor ?? ref.sparse ?? (ref.node as object);
    const tensor = table.view(key, info.dataType, info.dims, () => model.readWeight(ref));
    weights.push({ name: ref.name, dataType, dims: [...info.dims], location: ref.location, tensor });
  }

  const nodes: NodeView[] = order.map((node) => ({
    name: node.name,
    opType: node.opType,
    domain: normalizeDomain(node.domain),
    inputs: [...node.input],
    outputs: [...node.output],
    attributes: attributesToSdk(node, model, table),
  }));

  const inputs = graph.inputs.filter((input) => !weightNames.has(input.name)).map((input) => valueView(input.name, typeOf(input.name).elemType, typeOf(input.name).shape));
  const outputs = graph.outputs.map((output) => valueView(output.name, typeOf(output.name).elemType, typeOf(output.name).shape));
  const listed = new Set([...inputs.map((v) => v.name), ...outputs.map((v) => v.name), ...weightNames]);
  const values: ValueView[] = [];
  const seen = new Set<string>();
  for (const node of order) {
    for (const name of node.output) {
      if (name === '' || listed.has(name) || seen.has(name)) continue;
      seen.add(name);
      const type = typeOf(name);
      if (type.elemType === undefined && type.shape === null) continue;
      values.push(valueView(name, type.elemType, type.shape));
    }
  }

  const opsets: Record<string, number> = {};
  for (const [domain, version] of Object.entries(model.opsets())) opsets[normalizeDomain(domain)] = version;
  return { nodes, inputs, outputs, weights, values, opsets };
}
