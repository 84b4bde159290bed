import type { DataTypeName } from '@edgepress/plugin-sdk';
import { allocate, count, gatherElements, int64Tensor, integers, normalizeAxis, notFoldable, strides, type ConstTensor } from '../const-tensor';
import { broadcastDims, broadcastIndices } from './broadcast';

/** Data-movement operators: every output element is a copy of an input element, so exact. */

export function reshape(data: ConstTensor, shape: readonly number[], allowZero: boolean): ConstTensor {
  const dims = shape.map((dim, i) => (dim === 0 && !allowZero ? (data.dims[i] ?? notFoldable('Reshape copies a missing dimension')) : dim));
  const inferred = dims.indexOf(-1);
  if (inferred >= 0) {
    const known = count(dims.filter((_, i) => i !== inferred));
    if (known === 0 || count(data.dims) % known !== 0) notFoldable('Reshape cannot infer a dimension');
    dims[inferred] = count(data.dims) / known;
  }
  if (dims.some((dim) => dim < 0) || count(dims) !== count(data.dims)) notFoldable('Reshape to a different element count');
  return { ...data, dims };
}

export function flatten(data: ConstTensor, axis: number): ConstTensor {
  const a = axis < 0 ? axis + data.dims.length : axis;
  if (a < 0 || a > data.dims.length) notFoldable('Flatten axis out of range');
  return { ...data, dims: [count(data.dims.slice(0, a)), count(data.dims.slice(a))] };
}

export function squeeze(data: ConstTensor, axes: readonly number[] | undefined): ConstTensor {
  const rank = data.dims.length;
  const drop = new Set(axes === undefined ? data.dims.flatMap((dim, i) => (dim === 1 ? [i] : [])) : axes.map((axis) => normalizeAxis(axis, rank)));
  for (const axis of drop) if (data.dims[axis] !== 1) notFoldable('Squeeze of a dimension that is not 1');
  return { ...data, dims: data.dims.filter((_, i) => !drop.has(i)) };
}

export function unsqueeze(data: ConstTensor, axes: readonly number[]): ConstTensor {
  const rank = data.dims.length + axes.length;
  const inserted = new Set(axes.map((axis) => normalizeAxis(axis, rank)));
  if (inserted.size !== axes.length) notFoldable('Unsqueeze with repeated axes');
  const dims: number[] = [];
  let next = 0;
  for (let i = 0; i < rank; i++) dims.push(inserted.has(i) ? 1 : data.dims[next++]);
  return { ...data, dims };
}

export function transpose(data: ConstTensor, perm: readonly number[] | undefined): ConstTensor {
  const rank = data.dims.length;
  const order = perm ?? [...data.dims.keys()].reverse();
  if (order.length !== rank || new Set(order).size !== rank || order.some((axis) => axis < 0 || axis >= rank)) notFoldable('bad Transpose perm');
  const dims = order.map((axis) => data.dims[axis]);
  const inStrides = strides(data.dims);
  const outStrides = strides(dims);
  return gatherElements(data, dims, (index) => {
    let rest = index;
    let source = 0;
    for (let axis = 0; axis < rank; axis++) {
      const coordinate = Math.floor(rest / outStrides[axis]);
      rest -= coordinate * outStrides[axis];
      source += coordinate * inStrides[order[axis]];
    }
    return source;
  });
}

export function concat(inputs: readonly ConstTensor[], axis: number): ConstTensor {
  const first = inputs[0];
  const rank = first.dims.length;
  const a = normalizeAxis(axis, rank);
  if (inputs.some((input) => input.dataType !== first.dataType || input.dims.length !== rank || input.dims.some((dim, i) => i !== a && dim !== first.dims[i]))) {
    notFoldable('Concat inputs do not line up');
  }
  const dims = [...first.dims];
  dims[a] = inputs.reduce((sum, input) => sum + input.dims[a], 0);
  if (Array.isArray(first.values)) notFoldable('string tensors');
  const out = allocate(first.dataType, count(dims)) as unknown as (number | bigint)[];
  const outer = count(dims.slice(0, a));
  const inner = count(dims.slice(a + 1));
  let offset = 0;
  for (let o = 0; o < outer; o++) {
    for (const input of inputs) {
      const block = input.dims[a] * inner;
      const values = input.values as ArrayLike<number | bigint>;
      for (let k = 0; k < block; k++) out[offset++] = values[o * block + k];
    }
  }
  return { dataType: first.dataType, dims, values: out as never };
}

/** Slice with starts/ends/axes/steps given as numbers (from attributes before opset 10, inputs after). */
export function slice(data: ConstTensor, starts: readonly number[], ends: readonly number[], axes?: readonly number[], steps?: readonly number[]): ConstTensor {
  const rank = data.dims.length;
  const begin = data.dims.map(() => 0);
  const step = data.dims.map(() => 1);
  const dims = [...data.dims];
  const axisList = axes ?? starts.map((_, i) => i);
  if (axisList.length !== starts.length || ends.length !== starts.length || (steps !== undefined && steps.length !== starts.length)) notFoldable('Slice argument lengths differ');
  axisList.forEach((rawAxis, i) => {
    const axis = normalizeAxis(rawAxis, rank);
    const size = data.dims[axis];
    const s = steps?.[i] ?? 1;
    if (s === 0) notFoldable('Slice step 0');
    const clampIndex = (value: number, low: number, high: number) => Math.min(Math.max(value < 0 ? value + size : value, low), high);
    const start = s > 0 ? clampIndex(starts[i], 0, size) : clampIndex(starts[i], 0, size - 1);
    const end = s > 0 ? clampIndex(ends[i], 0, size) : clampIndex(ends[i], -1, size - 1);
    begin[axis] = start;
    step[axis] = s;
    dims[axis] = Math.max(0, Math.ceil((end - start) / s));
  });
  const inStrides = strides(data.dims);
  const outStrides = strides(dims);
  return gatherElements(data, dims, (index) => {
    let rest = index;
    let source = 0;
    for (let axis = 0; axis < rank; axis++) {
      const coordinate = Math.floor(rest / outStrides[axis]);
      rest -= coordinate * outStrides[axis];
      source += (begin[axis] + coordinate * step[axis]) * inStrides[axis];
    }
    return source;
  });
}

export function gather(data: ConstTensor, indicesTensor: ConstTensor, axis: number): ConstTensor {
  const rank = data.dims.length;
  const a = normalizeAxis(axis, rank);
  const size = data.dims[a];
  const indices = integers(indicesTensor).map((index) => {
    const normalized = index < 0 ? index + size : index;
    if (normalized < 0 || normalized >= size) notFoldable('Gather index out of range');
    return normalized;
  });
  const dims = [...data.dims.slice(0, a), ...indicesTensor.dims, ...data.dims.slice(a + 1)];
  const inner = count(data.dims.slice(a + 1));
  const perOuter = indices.length * inner;
  return gatherElements(data, dims, (index) => {
    const o = Math.floor(index / perOuter);
    const rest = index - o * perOuter;
    const k = Math.floor(rest / inner);
    return (o * size + indices[k]) * inner + (rest - k * inner);
  });
}

export function expand(data: ConstTensor, shape: readonly number[]): ConstTensor {
  const dims = broadcastDims([data.dims, shape]);
  const map = broadcastIndices(data.dims, dims);
  return gatherElements(data, dims, (index) => map[index]);
}

export function shapeOf(dims: readonly number[], start = 0, end?: number): ConstTensor {
  const rank = dims.length;
  const clamp = (value: number) => Math.min(Math.max(value < 0 ? value + rank : value, 0), rank);
  return int64Tensor(dims.slice(clamp(start), end === undefined ? rank : clamp(end)));
}

export function constantOfShape(shape: readonly number[], value: ConstTensor | undefined): ConstTensor {
  const dataType: DataTypeName = value?.dataType ?? 'float';
  const out = allocate(dataType, count(shape));
  if (value !== undefined) (out as { fill(v: unknown): void }).fill((value.values as ArrayLike<number | bigint>)[0]);
  return { dataType, dims: [...shape], values: out };
}

export function range(start: ConstTensor, limit: ConstTensor, delta: ConstTensor): ConstTensor {
  const type = start.dataType;
  if (type !== 'int64' && type !== 'int32') notFoldable(`Range of ${type} (float accumulation order is not reproduced)`);
  if ([start, limit, delta].some((tensor) => tensor.dims.length !== 0 || tensor.dataType !== type)) notFoldable('Range takes scalars of one type');
  const [s, l, d] = [start, limit, delta].map((tensor) => integers(tensor)[0]);
  if (d === 0) notFoldable('Range with delta 0');
  const length = Math.max(Math.ceil((l - s) / d), 0);
  const values = Array.from({ length }, (_, i) => s + i * d);
  return type === 'int64' ? int64Tensor(values) : { dataType: 'int32', dims: [length], values: Int32Array.from(values) };
}
