/**
 * Element counts from model-supplied dimensions. Dimensions arrive as int64 (bigint) and may be
 * negative or astronomically large; the product must stay an exact JavaScript integer.
 */
export type ElementCount = { readonly count: number; readonly dims: number[] } | { readonly problem: string };

export function elementCount(dims: readonly (bigint | number)[]): ElementCount {
  const numbers: number[] = [];
  let count = 1;
  for (let axis = 0; axis < dims.length; axis++) {
    const raw = dims[axis];
    if (typeof raw === 'number' ? !Number.isInteger(raw) : false) {
      return { problem: `dimension ${axis} is ${raw}, not an integer` };
    }
    if (raw < 0) return { problem: `dimension ${axis} is negative (${raw})` };
    if (raw > Number.MAX_SAFE_INTEGER) return { problem: `dimension ${axis} (${raw}) overflows 2^53` };
    const dim = Number(raw);
    numbers.push(dim);
    if (dim !== 0 && count > Number.MAX_SAFE_INTEGER / dim) {
      return { problem: `element count of shape [${dims.join(', ')}] overflows 2^53` };
    }
    count *= dim;
  }
  return { count, dims: numbers };
}
