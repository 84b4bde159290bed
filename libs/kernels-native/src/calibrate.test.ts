import { Calibrator, type CalibrationRangeOptions, type HistogramSnapshot } from './calibrate';
import { computeQuantParams } from './quantize-params';

/** Deterministic standard normal values (Box-Muller over a linear congruential generator). */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

// ---- A plain TypeScript reading of the methods (src/native/calibrate_thresholds.h) ----

const SEARCH_BINS = 2048;

function coarsen(counts: ArrayLike<number>, width: number, target: number): number[] {
  const factor = Math.round(target / width);
  const out = new Array<number>(counts.length).fill(0);
  for (let i = 0; i < counts.length; i++) out[Math.floor(i / factor)] += counts[i] as number;
  return out;
}

function trimmed(counts: number[], width: number): { counts: number[]; width: number } {
  let used = counts.length;
  while (used > 0 && counts[used - 1] === 0) used--;
  let c = counts.slice(0, used);
  let w = width;
  while (c.length > SEARCH_BINS) {
    const merged = new Array<number>(Math.ceil(c.length / 2)).fill(0);
    c.forEach((v, i) => (merged[i >> 1] += v));
    c = merged;
    w *= 2;
  }
  return { counts: c, width: w };
}

function commonWidth(h: HistogramSnapshot): number {
  if (!h.negative.seen) return h.positive.binWidth;
  if (!h.positive.seen) return h.negative.binWidth;
  return Math.max(h.positive.binWidth, h.negative.binWidth);
}

function magnitudes(h: HistogramSnapshot) {
  const w = commonWidth(h);
  const pos = coarsen(h.positive.counts, h.positive.binWidth, w);
  const neg = coarsen(h.negative.counts, h.negative.binWidth, w);
  return trimmed(pos.map((v, i) => v + (neg[i] as number)), w);
}

function percentileRange(h: HistogramSnapshot, p: number, symmetric: boolean): [number, number] {
  const absmax = Math.max(Math.abs(h.min), Math.abs(h.max));
  if (symmetric) {
    const { counts, width } = magnitudes(h);
    const tail = (1 - p / 100) * h.count;
    let passed = 0;
    for (let j = counts.length - 1; j >= 0; j--) {
      passed += counts[j] as number;
      if (passed > tail) return [-Math.min(absmax, (j + 1) * width), Math.min(absmax, (j + 1) * width)];
    }
    return [0, 0];
  }
  const w = commonWidth(h);
  const bins: { lo: number; hi: number; count: number }[] = [];
  const neg = coarsen(h.negative.counts, h.negative.binWidth, w);
  const pos = coarsen(h.positive.counts, h.positive.binWidth, w);
  for (let i = neg.length - 1; i >= 0; i--) bins.push({ lo: -(i + 1) * w, hi: -i * w, count: neg[i] as number });
  pos.forEach((count, i) => bins.push({ lo: i * w, hi: (i + 1) * w, count }));
  const tail = ((1 - p / 100) / 2) * h.count;
  let lo = h.min;
  let hi = h.max;
  let passed = 0;
  for (const b of bins) {
    passed += b.count;
    if (passed > tail) {
      lo = b.lo;
      break;
    }
  }
  passed = 0;
  for (const b of [...bins].reverse()) {
    passed += b.count;
    if (passed > tail) {
      hi = b.hi;
      break;
    }
  }
  return [Math.max(h.min, lo), Math.min(h.max, hi)];
}

function klThreshold(counts: number[], width: number, levels: number): number {
  const nb = counts.length;
  if (nb <= levels) return nb * width;
  let best = Infinity;
  let bestI = nb;
  for (let i = levels; i <= nb; i++) {
    const p = counts.slice(0, i);
    p[i - 1] += counts.slice(i).reduce((a, b) => a + b, 0);
    // Group of bin j: floor(j * levels / i); Q spreads each group's total over its non-empty bins.
    const group = (j: number) => Math.floor((j * levels) / i);
    const totals = new Array<number>(levels).fill(0);
    const nonzero = new Array<number>(levels).fill(0);
    for (let j = 0; j < i; j++) {
      totals[group(j)] += counts[j] as number;
      if (counts[j] !== 0) nonzero[group(j)]++;
    }
    const q = p.map((_, j) => (counts[j] !== 0 ? totals[group(j)] / nonzero[group(j)] : 0));
    const pSum = p.reduce((a, b) => a + b, 0);
    const qSum = q.reduce((a, b) => a + b, 0);
    let kl = 0;
    for (let j = 0; j < i; j++) {
      if (p[j] === 0) continue;
      if (q[j] === 0) {
        kl = Infinity;
        break;
      }
      kl += (p[j] / pSum) * Math.log(p[j] / pSum / (q[j] / qSum));
    }
    if (kl <= best) {
      best = kl;
      bestI = i;
    }
  }
  return bestI * width;
}

function entropyRange(h: HistogramSnapshot, bits: number, symmetric: boolean): [number, number] {
  const absmax = Math.max(Math.abs(h.min), Math.abs(h.max));
  if (symmetric) {
    const { counts, width } = magnitudes(h);
    const t = Math.min(absmax, klThreshold(counts, width, 2 ** (bits - 1)));
    return [-t, t];
  }
  const both = h.positive.seen && h.negative.seen;
  const levels = both ? 2 ** (bits - 1) : 2 ** bits;
  const side = (s: HistogramSnapshot['positive']) => {
    const { counts, width } = trimmed(Array.from(s.counts), s.binWidth);
    return klThreshold(counts, width, levels);
  };
  const hi = h.positive.seen ? side(h.positive) : 0;
  const lo = h.negative.seen ? -side(h.negative) : 0;
  return [Math.max(h.min, lo), Math.min(h.max, hi)];
}

const roundEven = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

function mseRange(h: HistogramSnapshot, bits: number, symmetric: boolean): [number, number] {
  const absmax = Math.max(Math.abs(h.min), Math.abs(h.max));
  if (symmetric) {
    const { counts, width } = magnitudes(h);
    const qmax = 2 ** (bits - 1) - 1;
    let best = Infinity;
    let bestT = absmax;
    for (let i = 1; i <= counts.length; i++) {
      const t = Math.min(absmax, i * width);
      const scale = Math.fround(t / qmax);
      let error = 0;
      counts.forEach((n, j) => {
        if (n === 0) return;
        const c = (j + 0.5) * width;
        error += n * (c - Math.min(roundEven(c / scale), qmax) * scale) ** 2;
      });
      if (error < best) {
        best = error;
        bestT = t;
      }
    }
    return [-bestT, bestT];
  }
  const w0 = commonWidth(h);
  const pos = trimmed(coarsen(h.positive.counts, h.positive.binWidth, w0), w0);
  const neg = trimmed(coarsen(h.negative.counts, h.negative.binWidth, w0), w0);
  const w = Math.max(pos.width, neg.width);
  const p = trimmedTo(pos, w);
  const n = trimmedTo(neg, w);
  const points: [number, number][] = [];
  for (let i = n.length - 1; i >= 0; i--) if (n[i] !== 0) points.push([-(i + 0.5) * w, n[i]]);
  p.forEach((count, i) => count !== 0 && points.push([(i + 0.5) * w, count]));
  const qmax = 2 ** bits - 1;
  const error = (lo: number, hi: number): number => {
    const raw = (hi - lo) / qmax;
    if (raw < 1.1754943508222875e-38) return Infinity;
    const scale = Math.fround(raw);
    const zp = Math.min(qmax, Math.max(0, roundEven(-lo / raw)));
    return points.reduce((sum, [c, count]) => {
      const q = Math.min(qmax, Math.max(0, roundEven(c / scale) + zp));
      return sum + count * (c - (q - zp) * scale) ** 2;
    }, 0);
  };
  const highs = [0, ...p.map((_, i) => (i + 1) * w)];
  const lows = [0, ...n.map((_, i) => -(i + 1) * w)];
  let lo = Math.min(h.min, 0);
  let hi = Math.max(h.max, 0);
  for (let round = 0; round < 2; round++) {
    let best = Infinity;
    for (const c of highs.map((x) => Math.min(x, Math.max(h.max, 0)))) {
      const e = error(lo, c);
      if (e < best) [best, hi] = [e, c];
    }
    best = Infinity;
    for (const c of lows.map((x) => Math.max(x, Math.min(h.min, 0)))) {
      const e = error(c, hi);
      if (e < best) [best, lo] = [e, c];
    }
  }
  return [lo, hi];
}

function trimmedTo(b: { counts: number[]; width: number }, width: number): number[] {
  const f = Math.round(width / b.width);
  const out = new Array<number>(Math.ceil(b.counts.length / f)).fill(0);
  b.counts.forEach((v, i) => (out[Math.floor(i / f)] += v));
  return out;
}

function referenceRange(h: HistogramSnapshot, o: Required<CalibrationRangeOptions>): [number, number] {
  if (o.method === 'minmax') {
    const a = Math.max(Math.abs(h.min), Math.abs(h.max));
    return o.symmetric ? [-a, a] : [h.min, h.max];
  }
  if (o.method === 'percentile') return percentileRange(h, o.percentile, o.symmetric);
  if (o.method === 'entropy') return entropyRange(h, o.bits, o.symmetric);
  return mseRange(h, o.bits, o.symmetric);
}

// ---- Tests ----

const DATASETS: [string, (seed: number, batch: number) => Float32Array][] = [
  // Gaussian activations whose scale grows over the batches (forces re-binning), with outliers.
  ['growing gaussian with outliers', (seed, batch) => {
    const g = gaussian(seed);
    return Float32Array.from({ length: 4000 }, (_, i) => g() * (1 + batch) * (i % 997 === 0 ? 12 : 1));
  }],
  // ReLU outputs: one-sided, a spike at 0, a long tail.
  ['relu', (seed) => {
    const g = gaussian(seed);
    return Float32Array.from({ length: 4000 }, () => Math.max(0, g() * 3 + 0.5) ** 1.5);
  }],
  // Skewed two-sided values, mostly negative.
  ['skewed', (seed) => {
    const g = gaussian(seed);
    return Float32Array.from({ length: 4000 }, () => -Math.abs(g()) * 5 + (g() > 2 ? 30 : 0));
  }],
];

const OPTIONS: Required<CalibrationRangeOptions>[] = (['minmax', 'percentile', 'entropy', 'mse'] as const).flatMap((method) =>
  [false, true].flatMap((symmetric) =>
    (method === 'percentile' ? [99.99, 99, 90] : [99.99]).flatMap((percentile) =>
      (method === 'entropy' || method === 'mse' ? [8, 4] : [8]).map((bits) => ({ method, symmetric, percentile, bits })),
    ),
  ),
);

describe('Calibrator', () => {
  it.each(DATASETS)('keeps an exact histogram of %s across re-binning', async (_name, make) => {
    const calibrator = new Calibrator({ bins: 256 });
    const all: Float32Array[] = [];
    for (let b = 0; b < 6; b++) {
      const batch = make(b + 1, b);
      all.push(batch);
      await calibrator.update(batch);
    }
    const h = await calibrator.histogram();
    const values = all.flatMap((a) => Array.from(a));
    expect(h.count).toBe(values.length);
    expect(h.min).toBe(Math.min(...values));
    expect(h.max).toBe(Math.max(...values));
    const pos = new Array<number>(256).fill(0);
    const neg = new Array<number>(256).fill(0);
    for (const v of values) {
      if (v >= 0) pos[Math.floor(v / h.positive.binWidth)]++;
      else neg[Math.floor(-v / h.negative.binWidth)]++;
    }
    expect(Array.from(h.positive.counts)).toEqual(pos);
    expect(Array.from(h.negative.counts)).toEqual(neg);
    // The widths are the smallest powers of two that cover the data.
    if (h.positive.seen && h.max > 0) expect(h.max).toBeGreaterThanOrEqual((256 * h.positive.binWidth) / 2);
  });

  it.each(DATASETS)('chooses the same ranges as the TypeScript reference for %s', async (_name, make) => {
    const calibrator = new Calibrator({ bins: 256 });
    for (let b = 0; b < 4; b++) await calibrator.update(make(b + 11, b));
    const h = await calibrator.histogram();
    for (const o of OPTIONS) {
      const ours = await calibrator.range(o);
      const [lo, hi] = referenceRange(h, o);
      expect({ ...o, min: ours.min, max: ours.max }).toEqual({ ...o, min: lo, max: hi });
    }
  });

  it('clips rare outliers with percentile and entropy, and the gaussian tail with 4-bit mse', async () => {
    const calibrator = new Calibrator();
    const g = gaussian(3);
    await calibrator.update(Float32Array.from({ length: 200000 }, (_, i) => (i % 20000 === 0 ? 60 : g())), { threads: 2 });
    const minmax = await calibrator.range({ method: 'minmax', symmetric: true });
    expect(minmax.max).toBe(60);
    for (const method of ['percentile', 'entropy'] as const) {
      const r = await calibrator.range({ method, symmetric: true });
      expect(r.max).toBeGreaterThan(3);
      expect(r.max).toBeLessThan(6);
    }
    // Ten values at 60 cost more clipped than the coarser steps that keep them: 8-bit MSE keeps them.
    expect((await calibrator.range({ method: 'mse', symmetric: true })).max).toBeGreaterThan(50);
    const plain = new Calibrator();
    await plain.update(Float32Array.from({ length: 200000 }, () => g()));
    const mse4 = await plain.range({ method: 'mse', symmetric: true, bits: 4 });
    const top = (await plain.range({ method: 'minmax', symmetric: true })).max;
    expect(mse4.max).toBeGreaterThan(1.5);
    expect(mse4.max).toBeLessThan(0.75 * top);
    const params = await calibrator.quantParams({ method: 'entropy', type: 'int8', symmetric: true });
    const range = await calibrator.range({ method: 'entropy', symmetric: true, bits: 8 });
    expect(params).toEqual(computeQuantParams(range.min, range.max, { type: 'int8', symmetric: true }));
    expect(params.zeroPoint).toBe(0);
  });

  it('holds constant memory over 1,000 batches of growing range', async () => {
    const calibrator = new Calibrator();
    const before = await calibrator.stats();
    const g = gaussian(9);
    const base = Float32Array.from({ length: 1000 }, () => g());
    for (let b = 0; b < 1000; b++) {
      const scale = 1 + b / 10;
      await calibrator.update(base.map((v) => v * scale));
    }
    const after = await calibrator.stats();
    expect(after.count).toBe(1_000_000);
    expect(after.stateBytes).toBe(before.stateBytes);
    expect(after.stateBytes).toBeLessThan(2 * 2048 * 8 + 1024);
    const h = await calibrator.histogram();
    expect(h.positive.counts.length).toBe(2048);
    expect(Array.from(h.positive.counts).reduce((a, b) => a + b, 0) + Array.from(h.negative.counts).reduce((a, b) => a + b, 0)).toBe(1_000_000);
  }, 30000);

  it('rejects bad batches and options with INVALID_ARGUMENT and keeps its state', async () => {
    const calibrator = new Calibrator({ bins: 512 });
    await calibrator.update(Float32Array.of(1, 2, 3));
    await expect(calibrator.update(Float32Array.of(1, NaN))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('batch[1]') });
    await expect(calibrator.update(Float32Array.of(-Infinity))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(calibrator.update(new Float64Array(3) as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument: 'batch' } });
    await expect(calibrator.range({ method: 'kl' as never })).rejects.toMatchObject({ details: { argument: 'method' } });
    await expect(calibrator.range({ method: 'percentile', percentile: 40 })).rejects.toMatchObject({ details: { argument: 'percentile' } });
    await expect(calibrator.range({ method: 'mse', bits: 9 })).rejects.toMatchObject({ details: { argument: 'bits' } });
    await expect(calibrator.update(Float32Array.of(1), { threads: 0 })).rejects.toMatchObject({ details: { argument: 'threads' } });
    expect(() => new Calibrator({ bins: 300 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => new Calibrator({ bins: 1 << 15 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(await calibrator.stats()).toMatchObject({ count: 3, min: 1, max: 3 });
  });
});
