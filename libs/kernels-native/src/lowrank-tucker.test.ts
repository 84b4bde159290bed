import { ErrorCode } from '@edgepress/errors';
import { orthonormalityDefect, squaredDistance, squaredNorm } from '../test/fixtures/dense-linalg-reference';
import { TestRandom } from '../test/fixtures/seeded-data';
import { tucker2Conv } from './lowrank-tucker';

/** W[o, i, s] = sum_a sum_b last[o, a] core[a, b, s] first[b, i]. */
function reconstruct(first: Float32Array, core: Float32Array, last: Float32Array, cout: number, cin: number, ro: number, ri: number, s: number): Float64Array {
  const w = new Float64Array(cout * cin * s);
  for (let o = 0; o < cout; o++)
    for (let a = 0; a < ro; a++) {
      const l = last[o * ro + a] as number;
      for (let b = 0; b < ri; b++)
        for (let i = 0; i < cin; i++) {
          const f = l * (first[b * cin + i] as number);
          for (let k = 0; k < s; k++) w[(o * cin + i) * s + k] += f * (core[(a * ri + b) * s + k] as number);
        }
    }
  return w;
}

describe('tucker2Conv', () => {
  const rng = new TestRandom(61);

  it.each([
    [16, 12, 3, 3, 5, 4],
    [8, 20, 1, 1, 3, 3],
    [16, 12, 3, 3, 2, 7],
    [24, 6, 3, 1, 6, 2],
    [5, 5, 2, 2, 5, 5],
  ])('reconstructs an exactly low-rank weight [%i, %i, %i, %i] at ranks (%i, %i)', async (cout, cin, kh, kw, ro, ri) => {
    const s = kh * kw;
    // W = G x0 A x1 B with random (non-orthogonal) A [cout, ro], B [cin, ri], G [ro, ri, kh, kw].
    const w = Float32Array.from(reconstruct(rng.floats(ri * cin), rng.floats(ro * ri * s), rng.floats(cout * ro), cout, cin, ro, ri, s));
    const result = await tucker2Conv({ data: w, shape: [cout, cin, kh, kw] }, { outRank: ro, inRank: ri }, { threads: 2 });
    expect(result.first.shape).toEqual([ri, cin, 1, 1]);
    expect(result.core.shape).toEqual([ro, ri, kh, kw]);
    expect(result.last.shape).toEqual([cout, ro, 1, 1]);
    const back = reconstruct(result.first.data, result.core.data, result.last.data, cout, cin, ro, ri, s);
    const largest = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    back.forEach((v, i) => expect(Math.abs(v - (w[i] as number))).toBeLessThanOrEqual(1e-4 * largest));
    expect(result.relativeError).toBeLessThan(1e-6);
    expect(orthonormalityDefect(result.last.data, cout, ro, false)).toBeLessThan(1e-5);
    expect(orthonormalityDefect(result.first.data, ri, cin, true)).toBeLessThan(1e-5);
  });

  it('reports the true error of a truncation, and HOOI does not make it worse', async () => {
    const [cout, cin, kh, kw, ro, ri] = [20, 16, 3, 3, 6, 5];
    const w = rng.floats(cout * cin * kh * kw);
    const errors: number[] = [];
    for (const hooiIterations of [0, 1, 4]) {
      const r = await tucker2Conv({ data: w, shape: [cout, cin, kh, kw] }, { outRank: ro, inRank: ri }, { hooiIterations, seed: 2 });
      const direct = squaredDistance(w, reconstruct(r.first.data, r.core.data, r.last.data, cout, cin, ro, ri, kh * kw)) / squaredNorm(w);
      expect(r.relativeError).toBeCloseTo(direct, 5);
      errors.push(direct);
    }
    expect(errors[1]).toBeLessThanOrEqual((errors[0] as number) + 1e-6);
    expect(errors[2]).toBeLessThanOrEqual((errors[1] as number) + 1e-6);
  });

  it('is identical on 1 and 2 threads', async () => {
    const w = rng.floats(12 * 10 * 9);
    const one = await tucker2Conv({ data: w, shape: [12, 10, 3, 3] }, { outRank: 4, inRank: 3 }, { threads: 1 });
    const two = await tucker2Conv({ data: w, shape: [12, 10, 3, 3] }, { outRank: 4, inRank: 3 }, { threads: 2 });
    expect(Array.from(two.core.data)).toEqual(Array.from(one.core.data));
    expect(Array.from(two.first.data)).toEqual(Array.from(one.first.data));
  });

  it('rejects bad shapes and ranks naming the argument', async () => {
    const w = { data: new Float32Array(4 * 3 * 3 * 3), shape: [4, 3, 3, 3] };
    const invalid = (promise: Promise<unknown>, argument: string) => expect(promise).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument } });
    await invalid(tucker2Conv(w, { outRank: 5, inRank: 2 }), 'outRank');
    await invalid(tucker2Conv(w, { outRank: 0, inRank: 2 }), 'outRank');
    await invalid(tucker2Conv(w, { outRank: 2, inRank: 4 }), 'inRank');
    await invalid(tucker2Conv({ data: new Float32Array(64), shape: [8, 8, 1, 1] }, { outRank: 3, inRank: 2 }), 'outRank');
    await invalid(tucker2Conv({ data: new Float32Array(64), shape: [8, 8, 1, 1] }, { outRank: 2, inRank: 3 }), 'inRank');
    await invalid(tucker2Conv(w, { outRank: 2, inRank: 2 }, { hooiIterations: 21 }), 'hooiIterations');
    await invalid(tucker2Conv({ data: new Float32Array(36), shape: [4, 9] }, { outRank: 1, inRank: 1 }), 'weight.shape');
    await invalid(tucker2Conv(w, null as never), 'ranks');
    await expect(tucker2Conv(w, { outRank: 2, inRank: 2 }, { maxElements: 107 })).rejects.toMatchObject({ code: ErrorCode.RESOURCE_EXHAUSTED });
  });
});
