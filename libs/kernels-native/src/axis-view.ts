/** Views a shape as [outer, axis length, inner] around one axis (row-major), as the native kernels take it. */
export function aroundAxis(shape: readonly number[], axis: number): [number, number, number] {
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return [outer, shape[axis] as number, inner];
}
