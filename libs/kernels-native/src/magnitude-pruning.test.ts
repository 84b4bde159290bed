import { ErrorCode } from '@edgepress/errors';
import { TestRandom } from '../test/fixtures/seeded-data';
import { applyMagnitudeMask, magnitudeThreshold, pruneByMagnitude } from './magnitude-pruning';
import type { Tensor } from './tensor';

/** Reference by full sort: prune the k smallest |w|, ties broken by tensor then element order. */
function sortedMagnitudes(tensors: Float32Array[]): { mag: number; t: number; i: number }[] {
  const all: { mag: number; t: number; i: number }[] = [];
  tensors.forEach((data, t) => data.forEach((v, i) => all.push({ mag: Math.abs(v), t, i })));
  return all.sort((a, b) => a.mag - b.mag || a.t - b.t || a.i - b.i);
}

function referencePrune(tensors: Float32Array[], sparsity: number, sorted = sortedMagnitudes(tensors)) {
  const k = Math.floor(sparsity * sorted.length);
  const threshold = k < sorted.length ? (sorted[k] as { mag: number }).mag : Infinity;
  let below = 0;
  while (below < sorted.length && (sorted[below] as { mag: number }).mag < threshold) below++;
  const masks = tensors.map((d) => new Uint8Array(d.length).fill(1));
  for (let j = 0; j < k; j++) {
    const e = sorted[j] as { t: number; i: number };
    (masks[e.t] as Uint8Array)[e.i] = 0;
  }
  return { threshold, tiesToPrune: k - below, pruneCount: k, masks };
}

/** Indices where pruned differs from (mask ? source : +0), compared bit for bit. */
function maskMismatches(source: Float32Array, pruned: Float32Array, mask: Uint8Array): number[] {
  const bad: number[] = [];
  for (let i = 0; i < source.length; i++) if (!Object.is(pruned[i], mask[i] ? source[i] : 0)) bad.push(i);
  return bad;
}

const asTensors = (list: Float32Array[]): Tensor<Float32Array>[] => list.map((data) => ({ data, shape: [data.length] }));

function tiedData(rng: TestRandom, count: number): Float32Array {
  // Few distinct magnitudes, both signs, both zeros: many ties at every threshold.
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const v = rng.int(-6, 6) / 4;
    out[i] = v === 0 && rng.next() < 0.5 ? -0 : v;
  }
  return out;
}

describe('magnitudeThreshold and applyMagnitudeMask', () => {
  const rng = new TestRandom(7);
  const datasets: [string, Float32Array[]][] = [
    ['one small tensor', [rng.floats(37)]],
    ['ties, zeros and negatives over three tensors', [tiedData(rng, 50), tiedData(rng, 1), tiedData(rng, 333)]],
    ['several 64K blocks with ties', [tiedData(rng, 150_001), rng.floats(70_000)]],
    ['infinities', [Float32Array.from([Infinity, -Infinity, 1, 0, -2, Infinity])]],
    ['all equal', [new Float32Array(100).fill(-3)]],
  ];
  const sparsities = [0, 0.1, 0.25, 0.5, 0.73, 0.9, 0.999, 1];

  it.each(datasets)('matches a full sort: %s', async (_name, data) => {
    const sorted = sortedMagnitudes(data);
    for (const sparsity of sparsities) {
      const ref = referencePrune(data, sparsity, sorted);
      const t1 = await magnitudeThreshold(asTensors(data), sparsity, { threads: 1 });
      const t2 = await magnitudeThreshold(asTensors(data), sparsity, { threads: 2 });
      expect(t1).toEqual({ threshold: ref.threshold, pruneCount: ref.pruneCount, tiesToPrune: ref.tiesToPrune });
      expect(t2).toEqual(t1);
      const masked = await applyMagnitudeMask(asTensors(data), t1, { threads: 2 });
      masked.forEach((m, t) => {
        expect(Buffer.from(m.mask).equals(Buffer.from(ref.masks[t] as Uint8Array))).toBe(true);
        expect(maskMismatches(data[t] as Float32Array, m.pruned.data, m.mask)).toEqual([]);
      });
      const pruned = masked.reduce((sum, m) => sum + m.mask.reduce((a, b) => a + 1 - b, 0), 0);
      expect(pruned).toBe(ref.pruneCount);
    }
  });

  it('prunes per tensor with scope "per-tensor"', async () => {
    const data = [rng.floats(1000), tiedData(rng, 77)];
    const perTensor = await pruneByMagnitude(asTensors(data), 0.6, { scope: 'per-tensor', threads: 2 });
    perTensor.forEach((m, t) => {
      const ref = referencePrune([data[t] as Float32Array], 0.6);
      expect(Array.from(m.mask)).toEqual(Array.from(ref.masks[0] as Uint8Array));
    });
    const global = await pruneByMagnitude(asTensors(data), 0.6);
    const ref = referencePrune(data, 0.6);
    global.forEach((m, t) => expect(Array.from(m.mask)).toEqual(Array.from(ref.masks[t] as Uint8Array)));
  });

  it('keeps shapes', async () => {
    const [m] = await pruneByMagnitude([{ data: rng.floats(24), shape: [2, 3, 4] }], 0.5);
    expect(m?.pruned.shape).toEqual([2, 3, 4]);
  });
});

describe('magnitude pruning arguments', () => {
  const good = [{ data: new Float32Array([1, -2, 3]), shape: [3] }];
  const invalid = async (promise: Promise<unknown>, argument: string) => {
    await expect(promise).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument } });
  };

  it('rejects bad sparsity, tensors, thresholds and threads naming the argument', async () => {
    await invalid(magnitudeThreshold(good, -0.1), 'sparsity');
    await invalid(magnitudeThreshold(good, 1.5), 'sparsity');
    await invalid(magnitudeThreshold(good, NaN), 'sparsity');
    await invalid(magnitudeThreshold([], 0.5), 'tensors');
    await invalid(magnitudeThreshold([{ data: new Float64Array(3) as never, shape: [3] }], 0.5), 'tensors[0].data');
    await invalid(magnitudeThreshold([{ data: new Float32Array(3), shape: [4] }], 0.5), 'tensors[0].data');
    await invalid(magnitudeThreshold(good, 0.5, { threads: 0 }), 'threads');
    await invalid(magnitudeThreshold(good, 0.5, { threads: 65 }), 'threads');
    await invalid(applyMagnitudeMask(good, { threshold: NaN, pruneCount: 1, tiesToPrune: 0 }), 'threshold.threshold');
    await invalid(applyMagnitudeMask(good, { threshold: 1, pruneCount: 1, tiesToPrune: 4 }), 'threshold.tiesToPrune');
    await invalid(pruneByMagnitude(good, 0.5, { scope: 'layer' as never }), 'scope');
  });

  it('rejects NaN weights from the native pass with INVALID_ARGUMENT', async () => {
    const error = magnitudeThreshold([good[0] as Tensor<Float32Array>, { data: new Float32Array([0, NaN]), shape: [2] }], 0.5);
    await expect(error).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, message: expect.stringContaining('tensors[1] holds NaN at element 1') });
  });

  it('refuses tensors above the element cap with RESOURCE_EXHAUSTED', async () => {
    await expect(magnitudeThreshold([{ data: new Float32Array(100), shape: [100] }], 0.5, { maxElements: 99 })).rejects.toMatchObject({
      code: ErrorCode.RESOURCE_EXHAUSTED,
    });
  });
});
