import type { NodeProto } from '../gen/onnx_pb';
import { getAttribute, getInt, getTensor } from '../graph/attributes';
import { DataType, dataTypeInfo } from '../tensor/data-types';
import { decodeTensor } from '../tensor/decode';
import type { Tensor } from '../tensor/tensor';
import type { Dim } from '../model-summary';
import { normalizeAxis } from './dims';

/**
 * Small constant tensors followed through the graph, so that shapes computed at run time (Shape ->
 * Gather -> Concat -> Reshape, constant Resize scales, Slice bounds) become known. Elements may be
 * null when only part of a value is known (the Shape of a tensor with a symbolic dimension).
 */
export interface ConstValue {
  readonly dataType: number;
  readonly dims: readonly number[];
  readonly values: readonly (number | null)[];
}

/** Computed constants larger than this are not followed (they are data, not shape arithmetic). */
export const MAX_FOLDED_ELEMENTS = 4096;

/** Weights up to this size are read as constants (shapes, axes, scales, pads are tiny). */
export const MAX_CONSTANT_WEIGHT_ELEMENTS = 256;

const INTEGER_TYPES = new Set<number>([DataType.INT8, DataType.UINT8, DataType.INT16, DataType.UINT16, DataType.INT32, DataType.UINT32, DataType.INT64, DataType.UINT64, DataType.BOOL]);

export function isIntegerType(dataType: number): boolean {
  return INTEGER_TYPES.has(dataType);
}

export function constFromTensor(tensor: Tensor): ConstValue | undefined {
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  const info = dataTypeInfo(tensor.dataType);
  if (info === undefined || count > MAX_FOLDED_ELEMENTS || tensor.dataType === DataType.STRING) return undefined;
  if (tensor.dataType === DataType.COMPLEX64 || tensor.dataType === DataType.COMPLEX128) return undefined;
  const values = Array.from(tensor.data as ArrayLike<number | bigint>, (value) => Number(value));
  return { dataType: tensor.dataType, dims: [...tensor.dims], values };
}

/** The value of a Constant node, when small enough to follow. */
export function constFromConstantNode(node: NodeProto): ConstValue | undefined {
  const tensor = getTensor(node, 'value');
  if (tensor !== undefined) {
    const count = tensor.dims.reduce((a, b) => a * Number(b), 1);
    if (count > MAX_FOLDED_ELEMENTS) return undefined;
    return constFromTensor(decodeTensor(tensor));
  }
  const attribute = getAttribute(node, 'value_ints') ?? getAttribute(node, 'value_int');
  if (attribute?.type === 'ints') return { dataType: DataType.INT64, dims: [attribute.value.length], values: attribute.value.map(Number) };
  if (attribute?.type === 'int') return { dataType: DataType.INT64, dims: [], values: [Number(attribute.value)] };
  const floats = getAttribute(node, 'value_floats') ?? getAttribute(node, 'value_float');
  if (floats?.type === 'floats') return { dataType: DataType.FLOAT, dims: [floats.value.length], values: [...floats.value] };
  if (floats?.type === 'float') return { dataType: DataType.FLOAT, dims: [], values: [floats.value] };
  return undefined;
}

function count(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Maps each output element to the element of an input broadcast to `outDims`. */
function broadcastIndex(outDims: readonly number[], inDims: readonly number[]): number[] {
  const total = count(outDims);
  const result: number[] = new Array(total);
  const offset = outDims.length - inDims.length;
  for (let flat = 0; flat < total; flat++) {
    let rest = flat;
    let index = 0;
    let stride = 1;
    for (let axis = outDims.length - 1; axis >= 0; axis--) {
      const coordinate = rest % outDims[axis];
      rest = Math.floor(rest / outDims[axis]);
      const inAxis = axis - offset;
      if (inAxis >= 0) {
        const dim = inDims[inAxis];
        index += (dim === 1 ? 0 : coordinate) * stride;
        stride *= dim;
      }
    }
    result[flat] = index;
  }
  return result;
}

function elementwise(inputs: readonly ConstValue[], outDims: readonly number[], dataType: number, op: (...args: number[]) => number): ConstValue | undefined {
  if (count(outDims) > MAX_FOLDED_ELEMENTS) return undefined;
  const maps = inputs.map((input) => broadcastIndex(outDims, input.dims));
  const values = maps[0].map((_, flat) => {
    const args = inputs.map((input, i) => input.values[maps[i][flat]]);
    return args.some((arg) => arg === null) ? null : op(...(args as number[]));
  });
  return { dataType, dims: [...outDims], values };
}

function castValue(value: number, to: number): number {
  if (to === DataType.BOOL) return value !== 0 ? 1 : 0;
  if (isIntegerType(to)) return Math.trunc(value);
  return to === DataType.FLOAT ? Math.fround(value) : value;
}

/**
 * Computes a node's outputs when its inputs are constants (only what shape arithmetic needs).
 * `outShape` is the shape the shape rules found for output 0.
 */
export function foldConstant(
  node: NodeProto,
  consts: readonly (ConstValue | undefined)[],
  inputShapes: readonly (readonly Dim[] | null | undefined)[],
  outShape: readonly Dim[] | null,
): ConstValue | undefined {
  const numericOut = outShape !== null && outShape.every((dim) => typeof dim === 'number') ? (outShape as number[]) : undefined;
  const [a, b] = consts;
  switch (node.opType) {
    case 'Shape': {
      const shape = inputShapes[0];
      if (shape === null || shape === undefined) return undefined;
      const rank = shape.length;
      const clamp = (value: number) => Math.min(Math.max(value < 0 ? value + rank : value, 0), rank);
      const start = clamp(getInt(node, 'start', 0));
      const end = clamp(getInt(node, 'end', rank));
      const values = shape.slice(start, Math.max(start, end)).map((dim) => (typeof dim === 'number' ? dim : null));
      return { dataType: DataType.INT64, dims: [values.length], values };
    }
    case 'Size': {
      const shape = inputShapes[0];
      if (shape === null || shape === undefined) return undefined;
      const total = shape.every((dim) => typeof dim === 'number') ? count(shape as number[]) : null;
      return { dataType: DataType.INT64, dims: [], values: [total] };
    }
    case 'Identity':
    case 'Reshape':
    case 'Flatten':
    case 'Squeeze':
    case 'Unsqueeze':
      return a !== undefined && numericOut !== undefined && count(numericOut) === a.values.length ? { ...a, dims: numericOut } : undefined;
    case 'Cast': {
      const to = getInt(node, 'to', 0);
      return a === undefined ? undefined : { dataType: to, dims: a.dims, values: a.values.map((v) => (v === null ? null : castValue(v, to))) };
    }
    case 'Neg':
    case 'Abs':
    case 'Floor':
    case 'Ceil':
    case 'Sqrt': {
      const fn = { Neg: (x: number) => -x, Abs: Math.abs, Floor: Math.floor, Ceil: Math.ceil, Sqrt: Math.sqrt }[node.opType] as (x: number) => number;
      return a === undefined ? undefined : { ...a, values: a.values.map((v) => (v === null ? null : fn(v))) };
    }
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div':
    case 'Max':
    case 'Min':
    case 'Equal': {
      if (a === undefined || b === undefined || numericOut === undefined) return undefined;
      const integer = isIntegerType(a.dataType);
      const ops: Record<string, (x: number, y: number) => number> = {
        Add: (x, y) => x + y,
        Sub: (x, y) => x - y,
        Mul: (x, y) => x * y,
        Div: (x, y) => (integer ? Math.trunc(x / y) : x / y),
        Max: Math.max,
        Min: Math.min,
        Equal: (x, y) => (x === y ? 1 : 0),
      };
      return elementwise([a, b], numericOut, node.opType === 'Equal' ? DataType.BOOL : a.dataType, ops[node.opType]);
    }
    case 'Where': {
      const c = consts[2];
      if (a === undefined || b === undefined || c === undefined || numericOut === undefined) return undefined;
      return elementwise([a, b, c], numericOut, b.dataType, (cond, x, y) => (cond !== 0 ? x : y));
    }
    case 'Concat': {
      if (consts.length === 0 || consts.some((input) => input === undefined || input.dims.length !== 1)) return undefined;
      const parts = consts as ConstValue[];
      const values = parts.flatMap((part) => part.values);
      return values.length > MAX_FOLDED_ELEMENTS ? undefined : { dataType: parts[0].dataType, dims: [values.length], values };
    }
    case 'Gather':
      return a === undefined || b === undefined || numericOut === undefined ? undefined : gather(node, a, b, numericOut);
    case 'Slice':
      return a === undefined || numericOut === undefined || a.dims.length !== 1 ? undefined : slice1d(node, consts, a, numericOut);
    case 'Range': {
      const [start, limit, delta] = consts.map((input) => input?.values[0]);
      if (typeof start !== 'number' || typeof limit !== 'number' || typeof delta !== 'number' || delta === 0) return undefined;
      const n = Math.max(Math.ceil((limit - start) / delta), 0);
      if (n > MAX_FOLDED_ELEMENTS) return undefined;
      return { dataType: (a as ConstValue).dataType, dims: [n], values: Array.from({ length: n }, (_, i) => start + i * delta) };
    }
    case 'ConstantOfShape': {
      if (numericOut === undefined || count(numericOut) > MAX_FOLDED_ELEMENTS) return undefined;
      const value = getTensor(node, 'value');
      const fill = value === undefined ? { dataType: DataType.FLOAT, values: [0] } : constFromTensor(decodeTensor(value));
      if (fill === undefined || fill.values.length !== 1) return undefined;
      return { dataType: fill.dataType, dims: numericOut, values: new Array(count(numericOut)).fill(fill.values[0]) };
    }
    default:
      return undefined;
  }
}

function gather(node: NodeProto, data: ConstValue, indices: ConstValue, outDims: readonly number[]): ConstValue | undefined {
  const rank = data.dims.length;
  const axis = normalizeAxis(getInt(node, 'axis', 0), rank);
  if (axis === undefined || count(outDims) > MAX_FOLDED_ELEMENTS) return undefined;
  const outer = count(data.dims.slice(0, axis));
  const inner = count(data.dims.slice(axis + 1));
  const size = data.dims[axis];
  const values: (number | null)[] = [];
  for (let o = 0; o < outer; o++) {
    for (const raw of indices.values) {
      if (raw === null) return undefined;
      const index = raw < 0 ? raw + size : raw;
      if (index < 0 || index >= size) return undefined;
      for (let i = 0; i < inner; i++) values.push(data.values[(o * size + index) * inner + i]);
    }
  }
  return { dataType: data.dataType, dims: [...outDims], values };
}

function slice1d(node: NodeProto, consts: readonly (ConstValue | undefined)[], data: ConstValue, outDims: readonly number[]): ConstValue | undefined {
  const spec = sliceSpec(node, consts, 1);
  const bounds = spec === undefined ? undefined : sliceBounds(spec, 0, data.dims[0]);
  if (bounds === undefined) return undefined;
  const values: (number | null)[] = [];
  for (let i = bounds.start; bounds.step > 0 ? i < bounds.end : i > bounds.end; i += bounds.step) values.push(data.values[i]);
  return values.length === outDims[0] ? { dataType: data.dataType, dims: [...outDims], values } : undefined;
}

/** Start, end and step of a Slice on one axis, clamped as the ONNX spec says; undefined when not constant. */
export function sliceBounds(spec: SliceSpec, axis: number, dim: number): { start: number; end: number; step: number } | undefined {
  const position = spec.axes.findIndex((a) => a === axis);
  if (position < 0) return { start: 0, end: dim, step: 1 };
  const step = spec.steps[position] ?? 1;
  if (step === 0) return undefined;
  let start = spec.starts[position];
  let end = spec.ends[position];
  if (start < 0) start += dim;
  if (end < 0) end += dim;
  if (step > 0) {
    start = Math.min(Math.max(start, 0), dim);
    end = Math.min(Math.max(end, 0), dim);
  } else {
    start = Math.min(Math.max(start, 0), dim - 1);
    end = Math.min(Math.max(end, -1), dim - 1);
  }
  return { start, end, step };
}

export interface SliceSpec {
  readonly starts: number[];
  readonly ends: number[];
  /** Normalized to [0, rank). */
  readonly axes: number[];
  readonly steps: number[];
}

/** starts/ends/axes/steps of a Slice, from attributes (opset < 10) or constant inputs. */
export function sliceSpec(node: NodeProto, consts: readonly (ConstValue | undefined)[], rank: number): SliceSpec | undefined {
  const fromAttr = getAttribute(node, 'starts');
  let starts: number[] | undefined;
  let ends: number[] | undefined;
  let axes: number[] | undefined;
  let steps: number[] | undefined;
  if (fromAttr !== undefined) {
    const ints = (name: string) => {
      const value = getAttribute(node, name);
      return value?.type === 'ints' ? value.value.map(Number) : undefined;
    };
    starts = ints('starts');
    ends = ints('ends');
    axes = ints('axes');
  } else {
    const known = (i: number) => {
      const value = consts[i];
      return value === undefined || value.values.some((v) => v === null) ? undefined : (value.values as number[]);
    };
    starts = known(1);
    ends = known(2);
    if (node.input.length > 3 && node.input[3] !== '') axes = known(3);
    if (node.input.length > 4 && node.input[4] !== '') steps = known(4);
    if ((node.input[3] ?? '') !== '' && axes === undefined) return undefined;
    if ((node.input[4] ?? '') !== '' && steps === undefined) return undefined;
  }
  if (starts === undefined || ends === undefined || starts.length !== ends.length) return undefined;
  const normalized = (axes ?? starts.map((_, i) => i)).map((axis) => normalizeAxis(axis, rank));
  if (normalized.some((axis) => axis === undefined)) return undefined;
  return { starts, ends, axes: normalized as number[], steps: steps ?? starts.map(() => 1) };
}
