import { blockParams, dequantizeBlocks, quantizeLevel, roundHalfToEven, toDequantizeLinear, unpackMatMulNBits, type Int4Blocks } from './int4-blocks';

describe('int4 blocks', () => {
  it('rounds half to even like nearbyint', () => {
    expect([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.4, -2.6].map(roundHalfToEven)).toEqual([-2, -2, -0, 0, 2, 2, 2, -3]);
  });

  it('chooses block parameters so that neither end clips', () => {
    const symmetric = blockParams(-1.6, 0.7, true);
    expect(symmetric.zeroPoint).toBe(8);
    expect(symmetric.scale).toBe(Math.fround(0.2));
    expect(quantizeLevel(-1.6, symmetric)).toBe(0);
    const asymmetric = blockParams(-1, 2, false);
    expect(asymmetric.scale).toBe(Math.fround(0.2));
    expect(asymmetric.zeroPoint).toBe(5);
    expect(quantizeLevel(2, asymmetric)).toBe(15);
    expect(quantizeLevel(-1, asymmetric)).toBe(0);
    // A block of zeros gets scale 1, and positive-only blocks still represent 0 exactly.
    expect(blockParams(0, 0, false)).toEqual({ scale: 1, zeroPoint: 0 });
    expect(blockParams(0.5, 3, false).zeroPoint).toBe(0);
  });

  it('converts to the DequantizeLinear form with the same values', () => {
    const k = 40;
    const n = 3;
    const blockSize = 16;
    const count = 3;
    for (const symmetric of [true, false]) {
      const levels = Uint8Array.from({ length: k * n }, (_, i) => (i * 7) % 16);
      const scales = Float32Array.from({ length: n * count }, (_, i) => 0.1 + i / 10);
      const zeroPoints = Uint8Array.from({ length: n * count }, (_, i) => (symmetric ? 8 : i % 16));
      const blocks: Int4Blocks = { k, n, blockSize, symmetric, levels, scales, zeroPoints };
      const form = toDequantizeLinear(blocks);
      expect(form.dataType).toBe(symmetric ? 'int4' : 'uint4');
      // DequantizeLinear with axis 0 and block_size: y[r, c] = (x[r, c] - zp[r / bs, c]) * scale[r / bs, c].
      const expected = dequantizeBlocks(blocks);
      for (let r = 0; r < k; r++) {
        for (let c = 0; c < n; c++) {
          const at = Math.floor(r / blockSize) * n + c;
          const zp = form.zeroPoints === undefined ? 0 : (form.zeroPoints[at] as number);
          expect(((form.values[r * n + c] as number) - zp) * (form.scales[at] as number)).toBeCloseTo(expected[r * n + c] as number, 6);
        }
      }
    }
  });

  it('unpacks MatMulNBits bytes: even k in the low nibble, zero points two per byte', () => {
    // K = 32 (one block of 16 plus one of 16), N = 1: bytes 0x21 hold k0 = 1, k1 = 2.
    const packed = new Uint8Array(16);
    packed[0] = 0x21;
    packed[8] = 0xf3;
    const blocks = unpackMatMulNBits({ k: 32, n: 1, blockSize: 16, symmetric: false }, packed, Float32Array.from([1, 2]), Uint8Array.from([0x94]));
    expect(Array.from(blocks.levels.subarray(0, 2))).toEqual([1, 2]);
    expect(Array.from(blocks.levels.subarray(16, 18))).toEqual([3, 15]);
    expect(Array.from(blocks.zeroPoints)).toEqual([4, 9]);
  });
});
