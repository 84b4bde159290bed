import { ErrorCode } from '@edgepress/errors';
import { TestRandom } from '../test/fixtures/seeded-data';
import { nmMask } from './nm-mask';

/** Reference: per group of m along the axis, sort positions by (|w| descending, position ascending), keep n. */
function referenceNm(data: Float32Array, shape: number[], n: number, m: number, axis: number): Uint8Array {
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const length = shape[axis] as number;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const mask = new Uint8Array(data.length);
  for (let o = 0; o < outer; o++) {
    for (let g = 0; g < length; g += m) {
      for (let i = 0; i < inner; i++) {
        const at = (j: number) => (o * length + g + j) * inner + i;
        const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => Math.abs(data[at(b)] as number) - Math.abs(data[at(a)] as number) || a - b);
        for (const j of order.slice(0, n)) mask[at(j)] = 1;
      }
    }
  }
  return mask;
}

describe('nmMask', () => {
  const rng = new TestRandom(11);
  const cases: { shape: number[]; n: number; m: number; axis: number }[] = [
    { shape: [8, 16], n: 2, m: 4, axis: 1 },
    { shape: [8, 16], n: 2, m: 4, axis: 0 },
    { shape: [3, 8, 5], n: 4, m: 8, axis: 1 },
    { shape: [4, 3, 3, 16], n: 4, m: 8, axis: -1 },
    { shape: [32, 7], n: 1, m: 2, axis: 0 },
    { shape: [5, 48], n: 15, m: 16, axis: 1 },
    { shape: [2, 16, 3], n: 3, m: 16, axis: 1 },
    { shape: [12], n: 2, m: 3, axis: 0 },
  ];

  it.each(cases)('keeps the n largest of each group: %j', async ({ shape, n, m, axis }) => {
    const count = shape.reduce((a, b) => a * b, 1);
    // Quantized values give many ties; ties keep the earlier element.
    const data = Float32Array.from({ length: count }, () => rng.int(-3, 3) / 2);
    const normalized = axis < 0 ? axis + shape.length : axis;
    const expected = referenceNm(data, shape, n, m, normalized);
    const one = await nmMask({ data, shape }, { n, m, axis }, { threads: 1 });
    const two = await nmMask({ data, shape }, { n, m, axis }, { threads: 2 });
    expect(Array.from(one.mask)).toEqual(Array.from(expected));
    expect(Array.from(two.mask)).toEqual(Array.from(expected));
    expect(one.pruned.shape).toEqual(shape);
    expect(Array.from(one.pruned.data)).toEqual(Array.from(data, (v, i) => (expected[i] ? v : 0)));
    const kept = expected.reduce((a, b) => a + b, 0);
    expect(kept).toBe((count / m) * n);
  });

  it('defaults to the last axis', async () => {
    const data = rng.floats(32);
    const result = await nmMask({ data, shape: [4, 8] }, { n: 2, m: 4 });
    expect(Array.from(result.mask)).toEqual(Array.from(referenceNm(data, [4, 8], 2, 4, 1)));
  });

  it('rejects bad patterns naming the argument', async () => {
    const t = { data: new Float32Array(16), shape: [4, 4] };
    const invalid = (promise: Promise<unknown>, argument: string) =>
      expect(promise).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument } });
    await invalid(nmMask(t, { n: 4, m: 4 }), 'n');
    await invalid(nmMask(t, { n: 0, m: 4 }), 'n');
    await invalid(nmMask(t, { n: 2, m: 17 }), 'm');
    await invalid(nmMask(t, { n: 1, m: 3 }), 'm');
    await invalid(nmMask(t, { n: 2, m: 4, axis: 2 }), 'axis');
    await invalid(nmMask(t, { n: 2, m: 4, axis: -3 }), 'axis');
    await invalid(nmMask({ data: new Int32Array(16) as never, shape: [4, 4] }, { n: 2, m: 4 }), 'tensor.data');
    await invalid(nmMask(t, { n: 2, m: 4 }, { threads: 65 }), 'threads');
    await expect(nmMask({ data: new Float32Array([1, NaN, 2, 3]), shape: [4] }, { n: 2, m: 4 })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(nmMask(t, { n: 2, m: 4 }, { maxElements: 15 })).rejects.toMatchObject({ code: ErrorCode.RESOURCE_EXHAUSTED });
  });
});
