import { ErrorCode } from '@edgepress/errors';
import { TestRandom } from '../test/fixtures/seeded-data';
import { kmeansCluster } from './kmeans';

function referenceMse(weights: Float32Array, codebook: Float32Array, indices: Uint8Array): number {
  let sum = 0;
  weights.forEach((w, i) => (sum += (w - (codebook[indices[i] as number] as number)) ** 2));
  return sum / weights.length;
}

/**
 * Checks the Lloyd fixed-point conditions: nearest centres, and centres at their clusters' means.
 * With ascending centres, a weight closer to some other centre is closer to a neighbour of its own.
 */
function lloydViolations(weights: Float32Array, codebook: Float32Array, indices: Uint8Array): string[] {
  const problems: string[] = [];
  const sums = new Float64Array(codebook.length);
  const counts = new Float64Array(codebook.length);
  weights.forEach((w, i) => {
    const j = indices[i] as number;
    sums[j] += w;
    counts[j] += 1;
    const own = Math.abs(w - (codebook[j] as number));
    for (const other of [j - 1, j + 1]) {
      const c = codebook[other];
      if (c !== undefined && Math.abs(w - c) < own - 1e-6 * (1 + Math.abs(w))) problems.push(`weight ${i} is closer to centre ${other} than ${j}`);
    }
  });
  codebook.forEach((c, j) => {
    if (counts[j] === 0) problems.push(`centre ${j} is empty`);
    else if (Math.abs(c - (sums[j] as number) / (counts[j] as number)) > 1e-5 * (1 + Math.abs(c))) problems.push(`centre ${j} is not its cluster mean`);
  });
  for (let j = 1; j < codebook.length; j++) if (!((codebook[j] as number) > (codebook[j - 1] as number))) problems.push('codebook not ascending');
  return problems.slice(0, 5);
}

describe('kmeansCluster', () => {
  const rng = new TestRandom(31);
  const gaussian = rng.gaussians(20_000);

  it('is deterministic for a seed and identical on 1 and 2 threads', async () => {
    const a = await kmeansCluster({ data: gaussian, shape: [100, 200] }, 16, { seed: 42, threads: 1 });
    const b = await kmeansCluster({ data: gaussian, shape: [100, 200] }, 16, { seed: 42, threads: 2 });
    expect(Array.from(b.codebook)).toEqual(Array.from(a.codebook));
    expect(Buffer.from(b.indices.data).equals(Buffer.from(a.indices.data))).toBe(true);
    expect(b.mse).toBe(a.mse);
    expect(a.indices.shape).toEqual([100, 200]);
    expect(a.codebook.length).toBe(16);
    expect(a.mse).toBeCloseTo(referenceMse(gaussian, a.codebook, a.indices.data), 9);
    expect(lloydViolations(gaussian, a.codebook, a.indices.data)).toEqual([]);
  });

  it('never gets worse as k grows', async () => {
    let previous = Infinity;
    for (const k of [1, 2, 3, 4, 8, 16, 32, 64, 128, 256]) {
      const result = await kmeansCluster({ data: gaussian, shape: [gaussian.length] }, k, { seed: 7, maxIterations: 100_000 });
      expect(result.mse).toBeLessThanOrEqual(previous);
      expect(lloydViolations(gaussian, result.codebook, result.indices.data)).toEqual([]);
      previous = result.mse;
    }
  });

  it('recovers well-separated clusters exactly', async () => {
    const centres = [-10, -3, 0.5, 4, 20];
    const labels: number[] = [];
    const data = new Float32Array(5000);
    for (let i = 0; i < data.length; i++) {
      const c = i % centres.length;
      labels.push(c);
      data[i] = (centres[c] as number) + rng.uniform(-0.01, 0.01);
    }
    const means = centres.map((_, c) => {
      const members = Array.from(data).filter((_, i) => labels[i] === c);
      return members.reduce((a, b) => a + b, 0) / members.length;
    });
    for (const seed of [0, 1, 2, 3]) {
      const result = await kmeansCluster({ data, shape: [data.length] }, 5, { seed });
      expect(Array.from(result.indices.data)).toEqual(labels);
      result.codebook.forEach((c, j) => expect(c).toBeCloseTo(means[j] as number, 5));
    }
  });

  it('gives the mean for k = 1', async () => {
    const data = Float32Array.from([1, 2, 3, 4, 10]);
    const result = await kmeansCluster({ data, shape: [5] }, 1);
    expect(Array.from(result.codebook)).toEqual([4]);
    expect(Array.from(result.indices.data)).toEqual([0, 0, 0, 0, 0]);
    expect(result.mse).toBeCloseTo((9 + 4 + 1 + 0 + 36) / 5, 9);
  });

  it('returns the distinct values with zero error when k is at least their number', async () => {
    const values = [-2.5, -1, 0, 0.25, 3, 7, 100];
    const data = Float32Array.from({ length: 700 }, (_, i) => values[(i * 3) % values.length] as number);
    for (const k of [7, 8, 256]) {
      const result = await kmeansCluster({ data, shape: [700] }, k, { seed: 5 });
      expect(Array.from(result.codebook)).toEqual(values);
      expect(result.mse).toBe(0);
      result.indices.data.forEach((index, i) => expect(result.codebook[index]).toBe(data[i]));
    }
    const single = await kmeansCluster({ data: new Float32Array(10).fill(-0.5), shape: [10] }, 4);
    expect(Array.from(single.codebook)).toEqual([-0.5]);
    expect(single.mse).toBe(0);
  });

  it('rejects bad arguments naming them', async () => {
    const t = { data: Float32Array.from([1, 2, 3]), shape: [3] };
    const invalid = (promise: Promise<unknown>, argument: string) => expect(promise).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument } });
    await invalid(kmeansCluster(t, 0), 'k');
    await invalid(kmeansCluster(t, -3), 'k');
    await invalid(kmeansCluster(t, 257), 'k');
    await invalid(kmeansCluster(t, 2.5), 'k');
    await invalid(kmeansCluster(t, 2, { seed: -1 }), 'seed');
    await invalid(kmeansCluster(t, 2, { seed: 0.5 }), 'seed');
    await invalid(kmeansCluster(t, 2, { maxIterations: 0 }), 'maxIterations');
    await invalid(kmeansCluster(t, 2, { tolerance: -1 }), 'tolerance');
    await invalid(kmeansCluster(t, 2, { threads: 0 }), 'threads');
    await invalid(kmeansCluster({ data: new Float64Array(3) as never, shape: [3] }, 2), 'weights.data');
    await expect(kmeansCluster({ data: Float32Array.from([1, Infinity]), shape: [2] }, 2)).rejects.toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      message: expect.stringContaining('weights[1] is not finite'),
    });
    await expect(kmeansCluster(t, 2, { maxElements: 2 })).rejects.toMatchObject({ code: ErrorCode.RESOURCE_EXHAUSTED });
  });

  it('cancels a long clustering with CANCELLED', async () => {
    const data = new Float32Array(20_000_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 1_000_003;
    const controller = new AbortController();
    const running = kmeansCluster({ data, shape: [data.length] }, 256, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(running).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });
});
