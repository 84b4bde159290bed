import type { Dim } from '../model-summary';

/** A value's element type (TensorProto.DataType number, 0 when unknown) and shape (null when even the rank is unknown). */
export interface InferredValue {
  readonly elemType: number;
  readonly shape: Dim[] | null;
}

export function isKnown(dim: Dim): dim is number {
  return typeof dim === 'number';
}

/** Product of the dimensions when all are numbers; null otherwise. */
export function product(shape: readonly Dim[] | null): number | null {
  if (shape === null) return null;
  let result = 1;
  for (const dim of shape) {
    if (typeof dim !== 'number') return null;
    result *= dim;
  }
  return result;
}

/** Axis in [0, rank), accepting ONNX negative axes; undefined when out of range. */
export function normalizeAxis(axis: number, rank: number): number | undefined {
  const normalized = axis < 0 ? axis + rank : axis;
  return normalized >= 0 && normalized < rank ? normalized : undefined;
}

function broadcastDim(a: Dim, b: Dim): Dim {
  if (a === 1) return b;
  if (b === 1) return a;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? a : null;
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  if (a !== null && a === b) return a;
  return null;
}

/** Numpy-style multidirectional broadcasting of any number of shapes. */
export function broadcastShapes(shapes: readonly (readonly Dim[] | null)[]): Dim[] | null {
  if (shapes.some((shape) => shape === null)) return null;
  const known = shapes as readonly (readonly Dim[])[];
  const rank = Math.max(0, ...known.map((shape) => shape.length));
  const result: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let dim: Dim = 1;
    for (const shape of known) {
      const offset = i - (rank - shape.length);
      if (offset >= 0) dim = broadcastDim(dim, shape[offset]);
    }
    result.push(dim);
  }
  return result;
}

/** Dimension arithmetic that stays unknown when an operand is unknown. */
export function dimOp(a: Dim, b: Dim, op: (x: number, y: number) => number): Dim {
  return typeof a === 'number' && typeof b === 'number' ? op(a, b) : null;
}

/** Replaces symbolic dimensions by the values the caller gave (`{ height: 640 }`). */
export function resolveDims(shape: Dim[] | null, dims: Readonly<Record<string, number>>): Dim[] | null {
  if (shape === null) return null;
  return shape.map((dim) => (typeof dim === 'string' && Object.prototype.hasOwnProperty.call(dims, dim) ? dims[dim] : dim));
}

/**
 * Combines what inference computed with what the model declares (value_info): known numbers win,
 * then symbolic names. When the ranks disagree the inferred shape is kept.
 */
export function mergeShapes(inferred: Dim[] | null, declared: Dim[] | null): Dim[] | null {
  if (inferred === null) return declared;
  if (declared === null || declared.length !== inferred.length) return inferred;
  return inferred.map((dim, i) => {
    if (typeof dim === 'number') return dim;
    if (typeof declared[i] === 'number') return declared[i];
    return dim ?? declared[i];
  });
}
