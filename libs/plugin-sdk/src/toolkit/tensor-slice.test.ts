import { keptIndices, takeAlongAxis } from './tensor-slice';

describe('takeAlongAxis', () => {
  // [2, 3, 2] with value = 100 a + 10 b + c
  const dims = [2, 3, 2];
  const values = Float32Array.from({ length: 12 }, (_, i) => 100 * Math.floor(i / 6) + 10 * (Math.floor(i / 2) % 3) + (i % 2));

  it('keeps slices of any axis in the given order', () => {
    expect(takeAlongAxis(values, dims, 1, [0, 2])).toEqual({ values: Float32Array.from([0, 1, 20, 21, 100, 101, 120, 121]), dims: [2, 2, 2] });
    expect(Array.from(takeAlongAxis(values, dims, 0, [1]).values)).toEqual([100, 101, 110, 111, 120, 121]);
    expect(Array.from(takeAlongAxis(values, dims, 2, [1]).values)).toEqual([1, 11, 21, 101, 111, 121]);
    expect(takeAlongAxis(values, dims, 1, [2, 0]).values.slice(0, 4)).toEqual(Float32Array.from([20, 21, 0, 1]));
  });

  it('refuses bad axes, indices and lengths with BAD_USER_INPUT', () => {
    expect(() => takeAlongAxis(values, dims, 3, [0])).toThrow(/axis in \[0, 3\)/);
    expect(() => takeAlongAxis(values, dims, 1, [3])).toThrow(/index 3 is outside \[0, 3\)/);
    expect(() => takeAlongAxis(values, [2, 2], 0, [0])).toThrow(/12 values do not fill/);
  });

  it('keptIndices is the ascending complement', () => {
    expect(keptIndices(6, [4, 1])).toEqual([0, 2, 3, 5]);
  });
});
