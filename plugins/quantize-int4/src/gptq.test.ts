import { createInProcessKernels } from '@edgepress/plugin-sdk/testing';
import { gptqQuantize, HessianAccumulator } from './gptq';
import { dequantizeBlocks, packMatMulNBits, unpackMatMulNBits } from './int4-blocks';

/** The native kernels in process: the reference quantizer. */
const { quantizeInt4Weights } = createInProcessKernels();

/** Deterministic pseudo-random numbers (mulberry32) and normals (Box-Muller). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normals(count: number, seed: number): Float32Array {
  const next = random(seed);
  return Float32Array.from({ length: count }, () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next()));
}

/** X [rows, k] with strongly correlated columns: a few latent factors mixed, plus a little noise. */
function correlatedInputs(rows: number, k: number, seed: number): Float32Array {
  const factors = 6;
  const latent = normals(rows * factors, seed);
  const mixing = normals(factors * k, seed + 1);
  const noise = normals(rows * k, seed + 2);
  const x = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < k; c++) {
      let s = 0.05 * (noise[r * k + c] as number);
      for (let f = 0; f < factors; f++) s += (latent[r * factors + f] as number) * (mixing[f * k + c] as number);
      x[r * k + c] = s;
    }
  }
  return x;
}

function outputError(x: Float32Array, rows: number, k: number, n: number, w: Float32Array, wq: Float32Array): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < n; c++) {
      let d = 0;
      for (let i = 0; i < k; i++) d += (x[r * k + i] as number) * ((w[i * n + c] as number) - (wq[i * n + c] as number));
      total += d * d;
    }
  }
  return total;
}

function diagonalHessian(k: number, seed: number): Float64Array {
  const next = random(seed);
  const h = new Float64Array(k * k);
  for (let i = 0; i < k; i++) h[i * k + i] = 0.5 + next();
  return h;
}

describe('GPTQ rounding', () => {
  it.each([
    { k: 96, n: 40, blockSize: 32, symmetric: false },
    { k: 120, n: 24, blockSize: 32, symmetric: true },
    { k: 64, n: 17, blockSize: 16, symmetric: false },
  ])('equals the kernel round-to-nearest when inputs are uncorrelated (diagonal H): $k x $n, block $blockSize, symmetric $symmetric', async ({ k, n, blockSize, symmetric }) => {
    const w = normals(k * n, 7);
    const ours = gptqQuantize(w, k, n, diagonalHessian(k, 3), { blockSize, symmetric, dampening: 0.01 }).blocks;
    const reference = await quantizeInt4Weights({ data: w, shape: [k, n] }, { blockSize, symmetric });
    const packed = packMatMulNBits(ours);
    expect(Buffer.from(packed.packed).equals(Buffer.from(reference.data))).toBe(true);
    expect(Array.from(ours.scales)).toEqual(Array.from(reference.scales));
    if (symmetric) expect(packed.zeroPoints).toBeUndefined();
    else expect(Buffer.from(packed.zeroPoints as Uint8Array).equals(Buffer.from(reference.zeroPoints as Uint8Array))).toBe(true);
    // And the unpacking is the inverse of the packing.
    const back = unpackMatMulNBits({ k, n, blockSize, symmetric }, reference.data, reference.scales, reference.zeroPoints);
    expect(Array.from(dequantizeBlocks(back))).toEqual(Array.from(dequantizeBlocks(ours)));
  });

  it('gives a lower output error than round-to-nearest on correlated inputs, also on held-out rows', async () => {
    const k = 128;
    const n = 48;
    const rows = 512;
    const x = correlatedInputs(rows * 2, k, 11);
    const calibration = x.subarray(0, rows * k);
    const heldOut = x.subarray(rows * k);
    const w = normals(k * n, 5);
    const accumulator = new HessianAccumulator(k);
    accumulator.add(calibration.subarray(0, (rows / 2) * k));
    accumulator.add(calibration.subarray((rows / 2) * k));
    expect(accumulator.rows).toBe(rows);
    for (const symmetric of [false, true]) {
      const gptq = dequantizeBlocks(gptqQuantize(w, k, n, accumulator.hessian(), { blockSize: 32, symmetric, dampening: 0.01 }).blocks);
      const reference = await quantizeInt4Weights({ data: w, shape: [k, n] }, { blockSize: 32, symmetric });
      const rtn = dequantizeBlocks(unpackMatMulNBits({ k, n, blockSize: 32, symmetric }, reference.data, reference.scales, reference.zeroPoints));
      const errGptq = outputError(calibration, rows, k, n, w, gptq);
      const errRtn = outputError(calibration, rows, k, n, w, rtn);
      expect(errGptq).toBeLessThan(0.5 * errRtn);
      expect(outputError(heldOut, rows, k, n, w, gptq)).toBeLessThan(outputError(heldOut, rows, k, n, w, rtn));
    }
  });

  it('computes H = 2 X^T X / rows', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const accumulator = new HessianAccumulator(2);
    accumulator.add(x);
    // X = [[1,2],[3,4],[5,6]]: X^T X = [[35, 44], [44, 56]].
    const expected = [(2 * 35) / 3, (2 * 44) / 3, (2 * 44) / 3, (2 * 56) / 3];
    accumulator.hessian().forEach((value, i) => expect(value).toBeCloseTo(expected[i] as number, 12));
  });

  it('handles inputs that are always zero and a singular H by dampening', () => {
    const k = 32;
    const n = 4;
    const accumulator = new HessianAccumulator(k);
    const x = new Float32Array(10 * k);
    for (let r = 0; r < 10; r++) x[r * k] = r + 1; // only input 0 ever non-zero: H has rank 1
    accumulator.add(x);
    const result = gptqQuantize(normals(k * n, 1), k, n, accumulator.hessian(), { blockSize: 16, symmetric: false, dampening: 0.01 });
    expect(result.blocks.levels.every((level) => level <= 15)).toBe(true);
    expect(Number.isFinite(result.dampening)).toBe(true);
  });

  it('rejects mismatched sizes and empty calibration', () => {
    expect(() => gptqQuantize(new Float32Array(5), 2, 2, new Float64Array(4), { blockSize: 16, symmetric: true, dampening: 0.01 })).toThrow(/expected 4 weights/);
    expect(() => new HessianAccumulator(3).add(new Float32Array(4))).toThrow(/last dimension is 3/);
    expect(() => new HessianAccumulator(3).hessian()).toThrow(/needs calibration activations/);
  });
});
