import type { NativeScaleGeometry } from './binding';
import { elementCount, expectAxis, expectInteger, expectTypedArray, invalidArgument } from './validate';

/** Where a tensor's scales (and zero points) apply: to all of it, along one axis, or per block. */
export interface ScaleLayout {
  /** Per-axis or block-wise along this axis (negative counts from the end); omit for per tensor. */
  axis?: number;
  /** Block-wise: consecutive elements along `axis` share a scale in blocks of this size (ONNX opset 21). */
  blockSize?: number;
}

export type ScaleGeometry = Omit<NativeScaleGeometry, 'threads' | 'cancel'> & { scaleCount: number };

/**
 * The native view [outer, axisDim, inner] of a tensor of `shape` and the number of scales the
 * layout needs: 1, shape[axis], or the shape with shape[axis] replaced by ceil(shape[axis] / blockSize).
 */
export function scaleGeometry(shape: readonly number[], layout: ScaleLayout): ScaleGeometry {
  const count = elementCount(shape);
  if (layout.axis === undefined) {
    if (layout.blockSize !== undefined) throw invalidArgument('Expected an axis with blockSize but received none', 'axis');
    return { outer: 1, axisDim: count, inner: 1, granularity: 0, blockSize: 1, scaleCount: 1 };
  }
  const axis = expectAxis('axis', layout.axis, shape.length);
  const outer = elementCount(shape.slice(0, axis));
  const axisDim = shape[axis] as number;
  const inner = elementCount(shape.slice(axis + 1));
  if (layout.blockSize === undefined) {
    return { outer, axisDim, inner, granularity: 1, blockSize: 1, scaleCount: axisDim };
  }
  const blockSize = expectInteger('blockSize', layout.blockSize, 1, 2 ** 30);
  const blocks = Math.ceil(axisDim / blockSize);
  return { outer, axisDim, inner, granularity: 2, blockSize, scaleCount: outer * blocks * inner };
}

const LAYOUT_NAMES = ['per tensor', 'per axis', 'block-wise'] as const;

/** Checks that `scale` (and `zeroPoint`, if any) hold exactly the entries the layout needs. */
export function expectScaleCount(name: string, values: unknown, geometry: ScaleGeometry, ctor: Float32ArrayConstructor | Int32ArrayConstructor): void {
  expectTypedArray(name, values, ctor);
  const length = (values as Float32Array | Int32Array).length;
  if (length !== geometry.scaleCount) {
    throw invalidArgument(
      `Expected ${name} to hold ${geometry.scaleCount} values (${LAYOUT_NAMES[geometry.granularity]}) but received ${length}`,
      name,
    );
  }
}
