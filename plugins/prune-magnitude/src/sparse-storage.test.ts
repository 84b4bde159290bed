import { breakEvenSparsity, denseBytes, sparseBytes, sparseIsSmaller } from './sparse-storage';

describe('sparse storage break-even', () => {
  it('is 2/3 sparsity for float32 and 4/5 for float16 with int64 indices', () => {
    expect(breakEvenSparsity('float')).toBeCloseTo(2 / 3, 12);
    expect(breakEvenSparsity('float16')).toBeCloseTo(4 / 5, 12);
  });

  it('stores sparse only when it is smaller', () => {
    const n = 90_000;
    expect(sparseIsSmaller('float', n, n * 0.1)).toBe(true);
    expect(sparseIsSmaller('float', n, n * 0.34)).toBe(false);
    expect(sparseIsSmaller('float16', n, n * 0.25)).toBe(false);
    expect(sparseIsSmaller('float16', n, n * 0.15)).toBe(true);
    expect(sparseBytes('float', 100)).toBeGreaterThan(12 * 100);
    expect(denseBytes('float16', 10)).toBe(20);
    // Tiny tensors stay dense: the sparse form's fixed overhead outweighs the saving.
    expect(sparseIsSmaller('float', 8, 0)).toBe(false);
  });
});
