import { getInt, getString } from '../graph/attributes';
import type { Dim } from '../model-summary';
import { DataType } from '../tensor/data-types';
import { broadcastShapes, dimOp } from './dims';
import { attrFloats, attrInts, constInts, hasInput, shapeAt, typeAt, type RuleInput, type ShapeRule } from './rule-helpers';

/** Shape rules of the compute-heavy operators: convolutions, pooling, matrix products, resizing, recurrent layers. */

interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  pads: number[];
  autoPad: string;
}

function windowOf(input: RuleInput, spatial: number, kernel: number[]): Window {
  const node = input.node;
  return {
    kernel,
    strides: attrInts(node, 'strides') ?? new Array(spatial).fill(1),
    dilations: attrInts(node, 'dilations') ?? new Array(spatial).fill(1),
    pads: attrInts(node, 'pads') ?? new Array(spatial * 2).fill(0),
    autoPad: getString(node, 'auto_pad', 'NOTSET'),
  };
}

function windowOutput(size: Dim, axis: number, window: Window, spatial: number, ceilMode: boolean): Dim {
  if (typeof size !== 'number') return null;
  const stride = window.strides[axis];
  const extent = (window.kernel[axis] - 1) * window.dilations[axis] + 1;
  if (window.autoPad === 'SAME_UPPER' || window.autoPad === 'SAME_LOWER') return Math.ceil(size / stride);
  if (window.autoPad === 'VALID') return Math.floor((size - extent) / stride) + 1;
  const padded = size + window.pads[axis] + window.pads[axis + spatial];
  if (!ceilMode) return Math.floor((padded - extent) / stride) + 1;
  let out = Math.ceil((padded - extent) / stride) + 1;
  // A last window that would start inside the end padding is dropped (ONNX >= 19, ONNX Runtime, PyTorch).
  if ((out - 1) * stride >= size + window.pads[axis]) out--;
  return out;
}

/** Conv, ConvInteger, QLinearConv: [N, M, out...] with M and the kernel from the weight shape. */
function convolution(weightIndex: number, elemType: (input: RuleInput) => number): ShapeRule {
  return (input) => {
    const x = shapeAt(input, 0);
    const w = shapeAt(input, weightIndex);
    const type = elemType(input);
    if (x === null) return [{ elemType: type, shape: null }];
    const spatial = x.length - 2;
    const kernel = attrInts(input.node, 'kernel_shape') ?? (w !== null && w.slice(2).every((d) => typeof d === 'number') ? (w.slice(2) as number[]) : undefined);
    const channels = w?.[0] ?? null;
    if (kernel === undefined || kernel.length !== spatial) return [{ elemType: type, shape: [x[0], channels, ...new Array(Math.max(spatial, 0)).fill(null)] }];
    const window = windowOf(input, spatial, kernel);
    return [{ elemType: type, shape: [x[0], channels, ...x.slice(2).map((size, axis) => windowOutput(size, axis, window, spatial, false))] }];
  };
}

const convTranspose: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const w = shapeAt(input, 1);
  const type = typeAt(input, 0);
  if (x === null) return [{ elemType: type, shape: null }];
  const spatial = x.length - 2;
  const group = getInt(input.node, 'group', 1);
  const channels = w === null ? null : dimOp(w[1], group, (a, b) => a * b);
  const outputShape = attrInts(input.node, 'output_shape');
  if (outputShape !== undefined) return [{ elemType: type, shape: [x[0], channels, ...outputShape.slice(-spatial)] }];
  const kernel = attrInts(input.node, 'kernel_shape') ?? (w !== null && w.slice(2).every((d) => typeof d === 'number') ? (w.slice(2) as number[]) : undefined);
  if (kernel === undefined) return [{ elemType: type, shape: [x[0], channels, ...new Array(spatial).fill(null)] }];
  const window = windowOf(input, spatial, kernel);
  const outputPadding = attrInts(input.node, 'output_padding') ?? new Array(spatial).fill(0);
  const sizes = x.slice(2).map((size, axis) => {
    if (typeof size !== 'number') return null;
    const stride = window.strides[axis];
    if (window.autoPad === 'SAME_UPPER' || window.autoPad === 'SAME_LOWER') return size * stride;
    const extent = (kernel[axis] - 1) * window.dilations[axis] + 1;
    const pads = window.autoPad === 'VALID' ? 0 : window.pads[axis] + window.pads[axis + spatial];
    return stride * (size - 1) + outputPadding[axis] + extent - pads;
  });
  return [{ elemType: type, shape: [x[0], channels, ...sizes] }];
};

function pool(indicesOutput: boolean): ShapeRule {
  return (input) => {
    const x = shapeAt(input, 0);
    const type = typeAt(input, 0);
    const kernel = attrInts(input.node, 'kernel_shape');
    if (x === null || kernel === undefined) return [{ elemType: type, shape: null }];
    const spatial = x.length - 2;
    const window = windowOf(input, spatial, kernel);
    const ceilMode = getInt(input.node, 'ceil_mode', 0) === 1;
    const shape = [x[0], x[1], ...x.slice(2).map((size, axis) => windowOutput(size, axis, window, spatial, ceilMode))];
    return indicesOutput ? [{ elemType: type, shape }, { elemType: DataType.INT64, shape }] : [{ elemType: type, shape }];
  };
}

const globalPool: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  return [{ elemType: typeAt(input, 0), shape: x === null ? null : [x[0], x[1], ...x.slice(2).map(() => 1)] }];
};

const gemm: ShapeRule = (input) => {
  const a = shapeAt(input, 0);
  const b = shapeAt(input, 1);
  const m = a === null ? null : getInt(input.node, 'transA', 0) ? a[1] : a[0];
  const n = b === null ? null : getInt(input.node, 'transB', 0) ? b[0] : b[1];
  return [{ elemType: typeAt(input, 0), shape: [m ?? null, n ?? null] }];
};

/** numpy.matmul shapes (1-D operands are promoted, then the added axis removed). */
export function matmulShape(a: Dim[] | null, b: Dim[] | null): Dim[] | null {
  if (a === null || b === null || a.length === 0 || b.length === 0) return null;
  const left = a.length === 1 ? [1, a[0]] : a;
  const right = b.length === 1 ? [b[0], 1] : b;
  const batch = broadcastShapes([left.slice(0, -2), right.slice(0, -2)]);
  if (batch === null) return null;
  const shape = [...batch, ...(a.length === 1 ? [] : [left[left.length - 2]]), ...(b.length === 1 ? [] : [right[right.length - 1]])];
  return shape;
}

function matmul(bIndex: number, elemType: (input: RuleInput) => number): ShapeRule {
  return (input) => [{ elemType: elemType(input), shape: matmulShape(shapeAt(input, 0), shapeAt(input, bIndex)) }];
}

const matMulNBits: ShapeRule = (input) => {
  const a = shapeAt(input, 0);
  const n = getInt(input.node, 'N', 0);
  return [{ elemType: typeAt(input, 0), shape: a === null ? null : [...a.slice(0, -1), n > 0 ? n : null] }];
};

function scaled(x: Dim[], scales: number[] | undefined, axes: number[] | undefined): Dim[] | null {
  if (scales === undefined) return null;
  const targetAxes = axes ?? x.map((_, i) => i);
  if (scales.length !== targetAxes.length) return null;
  const shape = [...x];
  targetAxes.forEach((axis, i) => {
    const size = shape[axis < 0 ? axis + x.length : axis];
    shape[axis < 0 ? axis + x.length : axis] = typeof size === 'number' ? Math.floor(size * scales[i]) : null;
  });
  return shape;
}

/** Resize (opset 10: X, scales; 11+: X, roi, scales, sizes) and Upsample (scales attribute before 9, input after). */
const resize: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const type = typeAt(input, 0);
  if (x === null) return [{ elemType: type, shape: null }];
  const node = input.node;
  const floatsAt = (index: number) => {
    const value = input.consts[index];
    return value !== undefined && value.values.every((v) => v !== null) ? (value.values as number[]) : undefined;
  };
  if (node.opType === 'Upsample') {
    const scales = input.opset < 9 ? attrFloats(node, 'scales') : floatsAt(1);
    return [{ elemType: type, shape: scaled(x, scales, undefined) ?? x.map(() => null) }];
  }
  if (input.opset < 11) return [{ elemType: type, shape: scaled(x, floatsAt(1), undefined) ?? x.map(() => null) }];
  const axes = attrInts(node, 'axes');
  if (hasInput(input, 3)) {
    const sizes = constInts(input, 3);
    if (sizes === undefined) return [{ elemType: type, shape: x.map(() => null) }];
    const shape: Dim[] = [...x];
    (axes ?? x.map((_, i) => i)).forEach((axis, i) => (shape[axis < 0 ? axis + x.length : axis] = sizes[i] ?? null));
    const policy = getString(node, 'keep_aspect_ratio_policy', 'stretch');
    return [{ elemType: type, shape: policy === 'stretch' ? shape : x.map(() => null) }];
  }
  const scales = hasInput(input, 2) ? floatsAt(2) : undefined;
  return [{ elemType: type, shape: scaled(x, scales, axes) ?? x.map(() => null) }];
};

/** RNN/GRU/LSTM: Y [seq, directions, batch, hidden] and the last hidden (and cell) state [directions, batch, hidden]. */
const recurrent: ShapeRule = (input) => {
  const x = shapeAt(input, 0);
  const type = typeAt(input, 0);
  const hidden = getInt(input.node, 'hidden_size', 0) || null;
  const directions = getString(input.node, 'direction', 'forward') === 'bidirectional' ? 2 : 1;
  const batchFirst = getInt(input.node, 'layout', 0) === 1;
  if (x === null) return [undefined, undefined, undefined];
  const [seq, batch] = batchFirst ? [x[1], x[0]] : [x[0], x[1]];
  const y: Dim[] = batchFirst ? [batch, seq, directions, hidden] : [seq, directions, batch, hidden];
  const state: Dim[] = batchFirst ? [batch, directions, hidden] : [directions, batch, hidden];
  return [{ elemType: type, shape: y }, { elemType: type, shape: state }, { elemType: type, shape: state }];
};

const outputType = (index: number, fallback: number) => (input: RuleInput) => (hasInput(input, index) ? typeAt(input, index) : fallback);

export const NN_RULES: Readonly<Record<string, ShapeRule>> = {
  Conv: convolution(1, (input) => typeAt(input, 0)),
  ConvInteger: convolution(1, () => DataType.INT32),
  QLinearConv: convolution(3, outputType(7, DataType.UINT8)),
  ConvTranspose: convTranspose,
  MaxPool: pool(true),
  AveragePool: pool(false),
  LpPool: pool(false),
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  Gemm: gemm,
  MatMul: matmul(1, (input) => typeAt(input, 0)),
  MatMulInteger: matmul(1, () => DataType.INT32),
  QLinearMatMul: matmul(3, outputType(7, DataType.UINT8)),
  MatMulNBits: matMulNBits,
  Resize: resize,
  Upsample: resize,
  RNN: recurrent,
  GRU: recurrent,
  LSTM: recurrent,
};

