import { ErrorCode } from '@edgepress/errors';
import { TestRandom } from '../test/fixtures/seeded-data';
import { channelImportance } from './channel-importance';

function referenceNorms(data: Float32Array, shape: number[], axis: number, norm: 'l1' | 'l2'): number[] {
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const length = shape[axis] as number;
  const sums = new Array<number>(length).fill(0);
  data.forEach((v, i) => {
    const c = Math.floor(i / inner) % length;
    sums[c] += norm === 'l1' ? Math.abs(v) : v * v;
  });
  return norm === 'l1' ? sums : sums.map(Math.sqrt);
}

describe('channelImportance', () => {
  const rng = new TestRandom(5);
  const shapes = [[16, 8, 3, 3], [7, 1], [1, 9], [5, 4, 3], [33]];

  it.each(shapes)('matches a reference for every axis and norm: shape [%s]', async (...shape: number[]) => {
    const data = rng.floats(shape.reduce((a, b) => a * b, 1), -2, 2);
    for (let axis = 0; axis < shape.length; axis++) {
      for (const norm of ['l1', 'l2'] as const) {
        const expected = referenceNorms(data, shape, axis, norm);
        const got = await channelImportance({ data, shape }, { axis, norm, threads: 2 });
        const single = await channelImportance({ data, shape }, { axis: axis - shape.length, norm, threads: 1 });
        expect(Array.from(got)).toEqual(Array.from(single));
        got.forEach((v, c) => expect(v).toBeCloseTo(expected[c] as number, 9));
      }
    }
  });

  it('defaults to L1 over axis 0', async () => {
    const got = await channelImportance({ data: Float32Array.from([1, -2, 3, -4]), shape: [2, 2] });
    expect(Array.from(got)).toEqual([3, 7]);
  });

  it('rejects a bad axis, norm or tensor naming the argument', async () => {
    const t = { data: new Float32Array(6), shape: [2, 3] };
    await expect(channelImportance(t, { axis: 2 })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument: 'axis' } });
    await expect(channelImportance(t, { norm: 'linf' as never })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument: 'norm' } });
    await expect(channelImportance({ data: new Float32Array(5), shape: [2, 3] })).rejects.toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      details: { argument: 'tensor.data' },
    });
    await expect(channelImportance(t, { maxElements: 5 })).rejects.toMatchObject({ code: ErrorCode.RESOURCE_EXHAUSTED });
  });
});
