import { count, notFoldable, strides, type ConstTensor } from '../const-tensor';

/** Numpy broadcasting of several shapes. */
export function broadcastDims(shapes: ReadonlyArray<readonly number[]>): number[] {
  const rank = Math.max(...shapes.map((dims) => dims.length));
  const out = new Array<number>(rank).fill(1);
  for (const dims of shapes) {
    dims.forEach((dim, i) => {
      const position = rank - dims.length + i;
      if (dim === out[position] || dim === 1) return;
      if (out[position] !== 1) notFoldable(`shapes [${shapes.map((s) => s.join(',')).join('] and [')}] do not broadcast`);
      out[position] = dim;
    });
  }
  return out;
}

/** For each output index, the index of the element of `input` it reads under broadcasting. */
export function broadcastIndices(input: readonly number[], output: readonly number[]): Int32Array {
  const total = count(output);
  const map = new Int32Array(total);
  if (count(input) === total && input.length === output.length) {
    for (let i = 0; i < total; i++) map[i] = i;
    return map;
  }
  const outStrides = strides(output);
  const padded = [...new Array<number>(output.length - input.length).fill(1), ...input];
  const inStrides = strides(padded);
  for (let i = 0; i < total; i++) {
    let rest = i;
    let source = 0;
    for (let axis = 0; axis < output.length; axis++) {
      const coordinate = Math.floor(rest / outStrides[axis]);
      rest -= coordinate * outStrides[axis];
      if (padded[axis] !== 1) source += coordinate * inStrides[axis];
    }
    map[i] = source;
  }
  return map;
}

/** Inputs of an elementwise operator broadcast to one shape: the shape and per-input index maps. */
export function broadcastInputs(inputs: readonly ConstTensor[]): { dims: number[]; maps: Int32Array[] } {
  const dims = broadcastDims(inputs.map((input) => input.dims));
  return { dims, maps: inputs.map((input) => broadcastIndices(input.dims, dims)) };
}
