import { getInt, getTensor } from '../graph/attributes';
import type { Dim } from '../model-summary';
import { DataType } from '../tensor/data-types';
import { sliceBounds, sliceSpec } from './constant-values';
import { broadcastShapes, dimOp, normalizeAxis, product, type InferredValue } from './dims';
import { attrInts, axesOf, constInts, hasInput, same, shapeAt, typeAt, type RuleInput, type ShapeRule } from './rule-helpers';
import { NN_RULES } from './shape-rules-nn';

/** Shape and type rules of the common ONNX operators (tensor manipulation here, compute-heavy ones in shape-rules-nn). */

const UNARY = [
  'Abs', 'Acos', 'Acosh', 'Asin', 'Asinh', 'Atan', 'Atanh', 'BitwiseNot', 'Ceil', 'Celu', 'Clip', 'Cos', 'Cosh', 'CumSum', 'DequantizeLinear',
  'Elu', 'Erf', 'Exp', 'Floor', 'Gelu', 'HardSigmoid', 'HardSwish', 'Hardmax', 'Identity', 'InstanceNormalization', 'LRN', 'LeakyRelu', 'Log',
  'LogSoftmax', 'LpNormalization', 'MeanVarianceNormalization', 'Mish', 'Neg', 'Reciprocal', 'Relu', 'ReverseSequence', 'Round', 'Scatter',
  'ScatterElements', 'ScatterND', 'Selu', 'Shrink', 'Sigmoid', 'Sign', 'Sin', 'Sinh', 'Softmax', 'Softplus', 'Softsign', 'Sqrt', 'Tan', 'Tanh',
  'ThresholdedRelu', 'Trilu', 'BatchNormalization', 'LayerNormalization', 'GroupNormalization', 'QuantizeLinear', 'Not', 'IsNaN', 'IsInf',
];
const BROADCAST = ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'PRelu', 'Mod', 'BitShift', 'BitwiseAnd', 'BitwiseOr', 'BitwiseXor'];
const COMPARE = ['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor'];
const BOOL_UNARY = new Set(['Not', 'IsNaN', 'IsInf']);

function elementTypeOfUnary(input: RuleInput): number {
  const op = input.node.opType;
  if (BOOL_UNARY.has(op)) return DataType.BOOL;
  if (op === 'DequantizeLinear') return hasInput(input, 1) ? typeAt(input, 1) || DataType.FLOAT : DataType.FLOAT;
  if (op === 'QuantizeLinear') {
    if (hasInput(input, 2) && typeAt(input, 2) !== 0) return typeAt(input, 2);
    return getInt(input.node, 'output_dtype', 0) || DataType.UINT8;
  }
  return typeAt(input, 0);
}

const unary: ShapeRule = (input) => [same(input, 0, elementTypeOfUnary(input))];

const broadcast =
  (elemType?: number): ShapeRule =>
  (input) => {
    const shapes = input.node.input.map((_, i) => shapeAt(input, i));
    return [{ elemType: elemType ?? typeAt(input, 0), shape: broadcastShapes(shapes) }];
  };

const reshape: ShapeRule = (input) => {
  const type = typeAt(input, 0);
  const x = shapeAt(input, 0);
  const target = input.opset < 5 ? attrInts(input.node, 'shape')?.map((v): number | null => v) : input.consts[1]?.values;
  if (target === undefined) return [{ elemType: type, shape: null }];
  const allowZero = getInt(input.node, 'allowzero', 0) === 1;
  const shape: Dim[] = target.map((value, i) => {
    if (value === null || value === -1) return null;
    if (value === 0 && !allowZero) return x?.[i] ?? null;
    return value;
  });
  const minus = target.indexOf(-1);
  const total = product(x);
  const known = product(shape.filter((_, i) => i !== minus));
  if (minus >= 0 && total !== null && known !== null && known > 0) shape[minus] = total / known;
  return [{ elemType: type, shape }];
};

const flatten: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  if (x === null) return [{ elemType: typeAt(input, 0), shape: [null, null] }];
  const axis = getInt(input.node, 'axis', 1);
  const split = axis < 0 ? axis + x.length : axis;
  return [{ elemType: typeAt(input, 0), shape: [product(x.slice(0, split)), product(x.slice(split))] }];
};

const transpose: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  if (x === null) return [{ elemType: typeAt(input, 0), shape: null }];
  const perm = attrInts(input.node, 'perm') ?? x.map((_, i) => x.length - 1 - i);
  return [{ elemType: typeAt(input, 0), shape: perm.map((axis) => x[axis] ?? null) }];
};

const squeeze: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const axes = axesOf(input, 13);
  if (x === null || axes === undefined) return [{ elemType: typeAt(input, 0), shape: null }];
  if (axes === 'none') {
    if (x.some((dim) => typeof dim !== 'number')) return [{ elemType: typeAt(input, 0), shape: null }];
    return [{ elemType: typeAt(input, 0), shape: x.filter((dim) => dim !== 1) }];
  }
  const drop = new Set(axes.map((axis) => normalizeAxis(axis, x.length)));
  return [{ elemType: typeAt(input, 0), shape: x.filter((_, i) => !drop.has(i)) }];
};

const unsqueeze: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const axes = axesOf(input, 13);
  if (x === null || axes === undefined || axes === 'none') return [{ elemType: typeAt(input, 0), shape: null }];
  const rank = x.length + axes.length;
  const inserted = new Set(axes.map((axis) => normalizeAxis(axis, rank)));
  const shape: Dim[] = [];
  let next = 0;
  for (let i = 0; i < rank; i++) shape.push(inserted.has(i) ? 1 : (x[next++] ?? null));
  return [{ elemType: typeAt(input, 0), shape }];
};

const concat: ShapeRule = (input) => {
  const shapes = input.node.input.map((_, i) => shapeAt(input, i));
  const first = shapes.find((shape) => shape !== null);
  if (first === undefined || first === null) return [{ elemType: typeAt(input, 0), shape: null }];
  const axis = normalizeAxis(getInt(input.node, 'axis', 0), first.length);
  if (axis === undefined) return [{ elemType: typeAt(input, 0), shape: null }];
  const shape = [...first];
  shape[axis] = shapes.reduce<Dim>((sum, s) => (s === null ? null : dimOp(sum, s[axis], (a, b) => a + b)), 0);
  return [{ elemType: typeAt(input, 0), shape }];
};

const slice: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  if (x === null) return [{ elemType: typeAt(input, 0), shape: null }];
  const spec = sliceSpec(input.node, input.consts, x.length);
  const shape = x.map((dim, axis) => {
    if (spec === undefined) return null;
    if (!spec.axes.includes(axis)) return dim;
    if (typeof dim !== 'number') return null;
    const bounds = sliceBounds(spec, axis, dim);
    return bounds === undefined ? null : Math.max(0, Math.ceil((bounds.end - bounds.start) / bounds.step));
  });
  return [{ elemType: typeAt(input, 0), shape }];
};

const split: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const outputs = input.node.output.length;
  const type = typeAt(input, 0);
  if (x === null) return input.node.output.map(() => ({ elemType: type, shape: null }));
  const axis = normalizeAxis(getInt(input.node, 'axis', 0), x.length);
  const sizes = input.opset < 13 ? attrInts(input.node, 'split') : hasInput(input, 1) ? constInts(input, 1) : undefined;
  const dim = axis === undefined ? null : x[axis];
  return input.node.output.map((_, i) => {
    let size: Dim = null;
    if (sizes !== undefined) size = sizes[i] ?? null;
    else if (typeof dim === 'number' && !(input.opset < 13 ? false : hasInput(input, 1))) {
      const chunk = Math.ceil(dim / outputs);
      size = i < outputs - 1 ? chunk : dim - chunk * (outputs - 1);
    }
    const shape = [...x];
    if (axis !== undefined) shape[axis] = size;
    return { elemType: type, shape };
  });
};

const shapeOp: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  if (x === null) return [{ elemType: DataType.INT64, shape: [null] }];
  const rank = x.length;
  const clamp = (value: number) => Math.min(Math.max(value < 0 ? value + rank : value, 0), rank);
  const start = clamp(getInt(input.node, 'start', 0));
  const end = clamp(getInt(input.node, 'end', rank));
  return [{ elemType: DataType.INT64, shape: [Math.max(0, end - start)] }];
};

const gather: ShapeRule = (input) => {
  const data = shapeAt(input, 0);
  const indices = shapeAt(input, 1);
  if (data === null || indices === null) return [{ elemType: typeAt(input, 0), shape: null }];
  const axis = normalizeAxis(getInt(input.node, 'axis', 0), data.length);
  if (axis === undefined) return [{ elemType: typeAt(input, 0), shape: null }];
  return [{ elemType: typeAt(input, 0), shape: [...data.slice(0, axis), ...indices, ...data.slice(axis + 1)] }];
};

function reduce(axesInputFrom: number): ShapeRule {
  return (input) => {
    const x = shapeAt(input, 0);
    const type = input.node.opType.startsWith('Arg') ? DataType.INT64 : typeAt(input, 0);
    if (x === null) return [{ elemType: type, shape: null }];
    const keep = getInt(input.node, 'keepdims', 1) === 1;
    let axes: number[] | undefined | 'none' = input.node.opType.startsWith('Arg') ? [getInt(input.node, 'axis', 0)] : axesOf(input, axesInputFrom);
    if (axes === undefined) return [{ elemType: type, shape: keep ? x.map(() => null) : null }];
    if (axes === 'none' || axes.length === 0) {
      if (getInt(input.node, 'noop_with_empty_axes', 0) === 1) return [{ elemType: type, shape: x }];
      axes = x.map((_, i) => i);
    }
    const reduced = new Set(axes.map((axis) => normalizeAxis(axis, x.length)));
    const shape = keep ? x.map((dim, i) => (reduced.has(i) ? 1 : dim)) : x.filter((_, i) => !reduced.has(i));
    return [{ elemType: type, shape }];
  };
}

const expand: ShapeRule = (input) => {
  const target = input.consts[1]?.values;
  const x = shapeAt(input, 0);
  return [{ elemType: typeAt(input, 0), shape: target === undefined ? null : broadcastShapes([x, target.map((v) => v)]) }];
};

const tile: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const repeats = constInts(input, 1);
  if (x === null || repeats === undefined || repeats.length !== x.length) return [{ elemType: typeAt(input, 0), shape: x === null ? null : x.map(() => null) }];
  return [{ elemType: typeAt(input, 0), shape: x.map((dim, i) => dimOp(dim, repeats[i], (a, b) => a * b)) }];
};

const pad: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const type = typeAt(input, 0);
  if (x === null) return [{ elemType: type, shape: null }];
  const pads = input.opset < 11 ? attrInts(input.node, 'pads') : constInts(input, 1);
  const axes = input.opset >= 18 && hasInput(input, 3) ? constInts(input, 3) : x.map((_, i) => i);
  if (pads === undefined || axes === undefined || pads.length !== axes.length * 2) return [{ elemType: type, shape: x.map(() => null) }];
  const shape = [...x];
  axes.forEach((axis, i) => {
    const at = axis < 0 ? axis + x.length : axis;
    shape[at] = dimOp(shape[at], pads[i] + pads[i + axes.length], (a, b) => a + b);
  });
  return [{ elemType: type, shape }];
};

const constantOfShape: ShapeRule = (input) => {
  const value = getTensor(input.node, 'value');
  const type = value?.dataType ?? DataType.FLOAT;
  const dims = input.consts[0]?.values;
  return [{ elemType: type, shape: dims === undefined ? null : [...dims] }];
};

const range: ShapeRule = (input) => {
  const [start, limit, delta] = [0, 1, 2].map((i) => input.consts[i]?.values[0]);
  const known = typeof start === 'number' && typeof limit === 'number' && typeof delta === 'number' && delta !== 0;
  return [{ elemType: typeAt(input, 0), shape: [known ? Math.max(Math.ceil((limit - start) / delta), 0) : null] }];
};

const depthToSpace: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const block = getInt(input.node, 'blocksize', 1);
  if (x === null || x.length !== 4) return [{ elemType: typeAt(input, 0), shape: null }];
  const times = (dim: Dim, factor: number) => dimOp(dim, factor, (a, b) => a * b);
  const divided = (dim: Dim, factor: number) => dimOp(dim, factor, (a, b) => a / b);
  const shape =
    input.node.opType === 'DepthToSpace'
      ? [x[0], divided(x[1], block * block), times(x[2], block), times(x[3], block)]
      : [x[0], times(x[1], block * block), divided(x[2], block), divided(x[3], block)];
  return [{ elemType: typeAt(input, 0), shape }];
};

const topK: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const k = input.opset < 10 ? getInt(input.node, 'k', 0) : constInts(input, 1)?.[0];
  if (x === null) return [undefined, undefined];
  const axis = normalizeAxis(getInt(input.node, 'axis', -1), x.length);
  const shape = x.map((dim, i) => (i === axis ? (k ?? null) : dim));
  return [{ elemType: typeAt(input, 0), shape }, { elemType: DataType.INT64, shape }];
};

const where: ShapeRule = (input) => [{ elemType: typeAt(input, 1), shape: broadcastShapes([shapeAt(input, 0), shapeAt(input, 1), shapeAt(input, 2)]) }];

const dropout: ShapeRule = (input) => [same(input), { elemType: DataType.BOOL, shape: shapeAt(input, 0) }];

const dynamicQuantize: ShapeRule = (input) => [
  { elemType: DataType.UINT8, shape: shapeAt(input, 0) },
  { elemType: DataType.FLOAT, shape: [] },
  { elemType: DataType.UINT8, shape: [] },
];

const RULES: Record<string, ShapeRule> = {
  ...NN_RULES,
  Reshape: reshape,
  Flatten: flatten,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Concat: concat,
  Slice: slice,
  Split: split,
  Shape: shapeOp,
  Size: () => [{ elemType: DataType.INT64, shape: [] }],
  Gather: gather,
  GatherElements: (input) => [{ elemType: typeAt(input, 0), shape: shapeAt(input, 1) }],
  ArgMax: reduce(13),
  ArgMin: reduce(13),
  ReduceSum: reduce(13),
  Expand: expand,
  Tile: tile,
  Pad: pad,
  ConstantOfShape: constantOfShape,
  Range: range,
  DepthToSpace: depthToSpace,
  SpaceToDepth: depthToSpace,
  TopK: topK,
  Where: where,
  Dropout: dropout,
  DynamicQuantizeLinear: dynamicQuantize,
  NonZero: (input) => [{ elemType: DataType.INT64, shape: [shapeAt(input, 0)?.length ?? null, null] }],
  Cast: (input) => [same(input, 0, getInt(input.node, 'to', 0))],
  CastLike: (input) => [same(input, 0, typeAt(input, 1))],
};
for (const op of UNARY) RULES[op] ??= unary;
for (const op of BROADCAST) RULES[op] = broadcast();
for (const op of COMPARE) RULES[op] = broadcast(DataType.BOOL);
for (const op of ['ReduceL1', 'ReduceL2', 'ReduceLogSum', 'ReduceLogSumExp', 'ReduceMax', 'ReduceMean', 'ReduceMin', 'ReduceProd', 'ReduceSumSquare']) {
  RULES[op] = reduce(18);
}

/** The rule for a node, if the operator is one this inference knows. */
export function shapeRuleFor(domain: string, opType: string): ShapeRule | undefined {
  if (domain === '' || domain === 'ai.onnx') return Object.prototype.hasOwnProperty.call(RULES, opType) && opType !== 'MatMulNBits' ? RULES[opType] : undefined;
  if (domain === 'com.microsoft' && (opType === 'MatMulNBits' || opType === 'QLinearConv' || opType === 'DynamicQuantizeLinear')) return RULES[opType];
  return undefined;
}

export type { InferredValue };
