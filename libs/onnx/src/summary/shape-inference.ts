import { EdgepressError } from '@edgepress/errors';
import { invalidArgument } from '../errors';
import type { NodeProto } from '../gen/onnx_pb';
import { normalizeDomain } from '../graph/describe';
import { valueTypeOf } from '../graph/value-info';
import { isConstantNode, listWeights, readWeight, weightInfo } from '../graph/weights';
import type { OnnxModel } from '../model/onnx-model';
import type { Dim } from '../model-summary';
import { isExternal } from '../tensor/layout';
import { constFromTensor, foldConstant, MAX_CONSTANT_WEIGHT_ELEMENTS, type ConstValue } from './constant-values';
import { mergeShapes, resolveDims, type InferredValue } from './dims';
import { shapeRuleFor } from './shape-rules';

export interface ShapeOptions {
  /** Values for symbolic dimensions, e.g. `{ height: 640 }`. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Whole input shapes that replace the declared ones, e.g. `{ x: [1, 3, 640, 640] }`. */
  readonly inputShapes?: Readonly<Record<string, readonly Dim[]>>;
}

export interface ShapeInference {
  /** Element type and shape of every value of the main graph that could be determined. */
  readonly values: ReadonlyMap<string, InferredValue>;
  /** Small constant values (weights and shape arithmetic folded through the graph). */
  readonly constants: ReadonlyMap<string, ConstValue>;
  /** Nodes of the main graph in the topological order inference used. */
  readonly order: readonly NodeProto[];
}

function checkOptions(model: OnnxModel, options: ShapeOptions): { dims: Record<string, number> } {
  const dims: Record<string, number> = {};
  for (const [name, value] of Object.entries(options.dims ?? {})) {
    if (!Number.isSafeInteger(value) || value < 0) throw invalidArgument(`Expected a non-negative integer for dimension '${name}' but received ${value}`);
    dims[name] = value;
  }
  const inputs = new Set(model.graph.proto.input.map((input) => input.name));
  for (const [name, shape] of Object.entries(options.inputShapes ?? {})) {
    if (!inputs.has(name)) throw invalidArgument(`inputShapes names '${name}', which is not an input of the model (inputs: ${[...inputs].join(', ')})`);
    if (!Array.isArray(shape) || !shape.every((dim) => dim === null || typeof dim === 'string' || (Number.isSafeInteger(dim) && (dim as number) >= 0))) {
      throw invalidArgument(`Expected an array of non-negative integers, names or nulls for inputShapes['${name}']`);
    }
  }
  return { dims };
}

/**
 * Element types and shapes of the main graph's values, from the declared inputs (or the
 * overrides given), the weights, and per-operator rules for the common ONNX operators; small
 * integer tensors are followed so that computed shapes (Shape -> Gather -> Concat -> Reshape)
 * resolve. Declared value_info fills what the rules leave unknown. Subgraph bodies are not
 * inferred.
 */
export function inferShapes(model: OnnxModel, options: ShapeOptions = {}): ShapeInference {
  const { dims } = checkOptions(model, options);
  const graph = model.graph;
  const opset = model.opsetVersion('') ?? 1;
  const values = new Map<string, InferredValue>();
  const constants = new Map<string, ConstValue>();

  for (const weight of listWeights(graph)) {
    const info = weightInfo(weight);
    values.set(weight.name, { elemType: info.dataType, shape: [...info.dims] });
    const loadable = weight.tensor === undefined || !isExternal(weight.tensor) || model.externalData.has(weight.tensor);
    if (info.elementCount <= MAX_CONSTANT_WEIGHT_ELEMENTS && loadable) {
      const value = constFromTensor(readWeight(weight));
      if (value !== undefined) constants.set(weight.name, value);
    }
  }
  for (const input of graph.proto.input) {
    if (values.has(input.name)) continue;
    const declared = valueTypeOf(input);
    const override = options.inputShapes?.[input.name];
    const shape = override !== undefined ? [...override] : (declared?.shape ?? null);
    values.set(input.name, { elemType: declared?.elemType ?? 0, shape: resolveDims(shape, dims) });
  }
  const declared = new Map<string, InferredValue>();
  for (const info of [...graph.proto.valueInfo, ...graph.proto.output]) {
    const type = valueTypeOf(info);
    if (type !== undefined) declared.set(info.name, { elemType: type.elemType, shape: resolveDims(type.shape, dims) });
  }

  const order = graph.topologicalOrder();
  for (const node of order) {
    if (isConstantNode(node)) continue;
    const inputs = node.input.map((name) => (name === '' ? undefined : values.get(name)));
    const consts = node.input.map((name) => (name === '' ? undefined : constants.get(name)));
    const rule = shapeRuleFor(normalizeDomain(node.domain), node.opType);
    let outputs: (InferredValue | undefined)[] = [];
    if (rule !== undefined) {
      try {
        outputs = rule({ node, opset, inputs, consts });
      } catch (error) {
        // An attribute of the wrong type (a malformed node) leaves the outputs unknown.
        if (!(error instanceof EdgepressError)) throw error;
      }
    }
    node.output.forEach((name, i) => {
      if (name === '') return;
      const inferred = outputs[i];
      const fromModel = declared.get(name);
      const shape = mergeShapes(resolveDims(inferred?.shape ?? null, dims), fromModel?.shape ?? null);
      const elemType = inferred !== undefined && inferred.elemType !== 0 ? inferred.elemType : (fromModel?.elemType ?? 0);
      values.set(name, { elemType, shape });
    });
    if (node.output.length > 0 && node.output[0] !== '' && consts.some((c) => c !== undefined || node.opType === 'Shape' || node.opType === 'Size')) {
      const folded = safeFold(node, consts, inputs.map((input) => input?.shape), values.get(node.output[0])?.shape ?? null);
      if (folded !== undefined) constants.set(node.output[0], folded);
    }
  }
  return { values, constants, order };
}

function safeFold(node: NodeProto, consts: (ConstValue | undefined)[], shapes: (Dim[] | null | undefined)[], outShape: Dim[] | null): ConstValue | undefined {
  try {
    return foldConstant(node, consts, shapes, outShape);
  } catch (error) {
    if (!(error instanceof EdgepressError)) throw error;
    return undefined;
  }
}
