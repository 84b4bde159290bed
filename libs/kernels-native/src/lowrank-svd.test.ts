import { ErrorCode } from '@edgepress/errors';
import { multiply, orthonormalityDefect, referenceSingularValues, squaredDistance, squaredNorm } from '../test/fixtures/dense-linalg-reference';
import { TestRandom } from '../test/fixtures/seeded-data';
import { lowRankFactors, truncatedSvd } from './lowrank-svd';

function reconstruct(u: Float32Array, s: Float64Array, vt: Float32Array, m: number, r: number, n: number): Float64Array {
  const us = Float64Array.from(u, (v, i) => v * (s[i % r] as number));
  return multiply(us, vt, m, r, n);
}

/** A [m, n] with singular values `sigma` (orthonormal factors from a random Gram-Schmidt). */
function withSpectrum(rng: TestRandom, m: number, n: number, sigma: number[]): Float32Array {
  const orthonormal = (rows: number, cols: number) => {
    const q: Float64Array[] = [];
    for (let c = 0; c < cols; c++) {
      const v = Float64Array.from({ length: rows }, () => rng.gaussian());
      for (const prev of q) {
        const d = prev.reduce((sum, x, i) => sum + x * (v[i] as number), 0);
        prev.forEach((x, i) => (v[i] -= d * x));
      }
      const norm = Math.sqrt(squaredNorm(v));
      q.push(v.map((x) => x / norm));
    }
    return q;
  };
  const left = orthonormal(m, sigma.length);
  const right = orthonormal(n, sigma.length);
  const a = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let v = 0;
      sigma.forEach((s, c) => (v += s * ((left[c] as Float64Array)[i] as number) * ((right[c] as Float64Array)[j] as number)));
      a[i * n + j] = v;
    }
  }
  return a;
}

describe('truncatedSvd', () => {
  const rng = new TestRandom(51);

  it.each([
    [12, 8, 3],
    [8, 12, 5],
    [30, 30, 30],
    [1, 5, 1],
    [5, 1, 1],
    [40, 25, 7],
    [17, 33, 16],
  ])('is exact when the sketch covers the matrix: %i x %i, rank %i', async (m, n, rank) => {
    const a = rng.floats(m * n);
    const svd = await truncatedSvd({ data: a, shape: [m, n] }, { rank }, { oversample: Math.min(m, n) });
    const reference = referenceSingularValues(a, m, n);
    expect(svd.rank).toBe(rank);
    expect(svd.u.shape).toEqual([m, rank]);
    expect(svd.vt.shape).toEqual([rank, n]);
    svd.s.forEach((s, i) => expect(Math.abs(s - (reference[i] as number))).toBeLessThan(1e-5 * (reference[0] as number)));
    expect(orthonormalityDefect(svd.u.data, m, rank, false)).toBeLessThan(1e-5);
    expect(orthonormalityDefect(svd.vt.data, rank, n, true)).toBeLessThan(1e-5);
    const discarded = reference.slice(rank).reduce((sum, s) => sum + s * s, 0);
    const error = squaredDistance(a, reconstruct(svd.u.data, svd.s, svd.vt.data, m, rank, n));
    expect(Math.abs(error - discarded)).toBeLessThan(1e-5 * squaredNorm(a));
    expect(svd.retainedEnergy).toBeCloseTo(1 - discarded / squaredNorm(a), 5);
  });

  it('finds the leading components of a decaying spectrum by randomized sketching', async () => {
    const sigma = Array.from({ length: 60 }, (_, i) => 10 * 0.8 ** i);
    const [m, n] = [220, 160];
    const a = withSpectrum(rng, m, n, sigma);
    const svd = await truncatedSvd({ data: a, shape: [m, n] }, { rank: 12 }, { oversample: 8, powerIterations: 3, seed: 3, threads: 2 });
    svd.s.forEach((s, i) => expect(Math.abs(s - (sigma[i] as number))).toBeLessThan(1e-3 * (sigma[0] as number)));
    const error = squaredDistance(a, reconstruct(svd.u.data, svd.s, svd.vt.data, m, 12, n));
    const kept = Array.from(svd.s).reduce((sum, s) => sum + s * s, 0);
    expect(Math.abs(error - (squaredNorm(a) - kept))).toBeLessThan(1e-4 * squaredNorm(a));
  });

  it('selects the smallest rank that keeps the requested energy', async () => {
    const sigma = [9, 7, 5, 3, 2, 1, 0.5, 0.25];
    const [m, n] = [30, 20];
    const a = withSpectrum(rng, m, n, sigma);
    const total = sigma.reduce((sum, s) => sum + s * s, 0);
    for (const energy of [0.3, 0.6, 0.9, 0.99, 0.9995]) {
      let rank = 0;
      let kept = 0;
      while (kept < energy * total) kept += (sigma[rank++] as number) ** 2;
      const svd = await truncatedSvd({ data: a, shape: [m, n] }, { energy, maxRank: 20 });
      expect(svd.rank).toBe(rank);
      expect(svd.retainedEnergy).toBeGreaterThanOrEqual(energy);
    }
    const capped = await truncatedSvd({ data: a, shape: [m, n] }, { energy: 0.9995, maxRank: 3 });
    expect(capped.rank).toBe(3);
    expect(capped.retainedEnergy).toBeCloseTo((81 + 49 + 25) / total, 5);
  });

  it('is deterministic for a seed and identical on 1 and 2 threads', async () => {
    const a = rng.floats(90 * 70);
    const one = await truncatedSvd({ data: a, shape: [90, 70] }, { rank: 9 }, { seed: 11, threads: 1 });
    const two = await truncatedSvd({ data: a, shape: [90, 70] }, { rank: 9 }, { seed: 11, threads: 2 });
    expect(Array.from(two.s)).toEqual(Array.from(one.s));
    expect(Buffer.from(two.u.data.buffer).equals(Buffer.from(one.u.data.buffer))).toBe(true);
    expect(Buffer.from(two.vt.data.buffer).equals(Buffer.from(one.vt.data.buffer))).toBe(true);
  });

  it('splits a weight into two factors whose product is the truncation', async () => {
    const [m, n, r] = [24, 18, 5];
    const a = rng.floats(m * n);
    const svd = await truncatedSvd({ data: a, shape: [m, n] }, { rank: r });
    const factors = await lowRankFactors({ data: a, shape: [m, n] }, { rank: r });
    expect(factors.a.shape).toEqual([m, r]);
    expect(factors.b.shape).toEqual([r, n]);
    const product = multiply(factors.a.data, factors.b.data, m, r, n);
    expect(squaredDistance(product, reconstruct(svd.u.data, svd.s, svd.vt.data, m, r, n))).toBeLessThan(1e-9 * squaredNorm(a));
  });

  it('rejects bad selections and settings naming the argument', async () => {
    const t = { data: new Float32Array(12), shape: [3, 4] };
    const invalid = (promise: Promise<unknown>, argument: string) => expect(promise).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument } });
    await invalid(truncatedSvd(t, { rank: 0 }), 'rank');
    await invalid(truncatedSvd(t, { rank: 4 }), 'rank');
    await invalid(truncatedSvd(t, { rank: 1.5 }), 'rank');
    await invalid(truncatedSvd(t, { energy: 0 }), 'energy');
    await invalid(truncatedSvd(t, { energy: 1.01 }), 'energy');
    await invalid(truncatedSvd(t, { energy: 0.9, maxRank: 4 }), 'maxRank');
    await invalid(truncatedSvd(t, {} as never), 'selection');
    await invalid(truncatedSvd(t, { rank: 2 }, { oversample: -1 }), 'oversample');
    await invalid(truncatedSvd(t, { rank: 2 }, { powerIterations: 21 }), 'powerIterations');
    await invalid(truncatedSvd(t, { rank: 2 }, { seed: -2 }), 'seed');
    await invalid(truncatedSvd(t, { rank: 2 }, { threads: 65 }), 'threads');
    await invalid(truncatedSvd({ data: new Float32Array(8), shape: [2, 2, 2] }, { rank: 1 }), 'matrix.shape');
    await invalid(truncatedSvd({ data: new Int8Array(12) as never, shape: [3, 4] }, { rank: 1 }), 'matrix.data');
    await expect(truncatedSvd(t, { rank: 1 }, { maxElements: 11 })).rejects.toMatchObject({ code: ErrorCode.RESOURCE_EXHAUSTED });
  });

  it('cancels a long factorization with CANCELLED', async () => {
    const n = 2048;
    const a = new Float32Array(n * n);
    for (let i = 0; i < a.length; i++) a[i] = ((i * 2654435761) % 1000) / 1000;
    const controller = new AbortController();
    const running = truncatedSvd({ data: a, shape: [n, n] }, { rank: 256 }, { signal: controller.signal, powerIterations: 4 });
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });
});
