import { biasScales, INT32_MAX, quantizeBias, roundHalfToEven } from './bias';

describe('int32 bias quantization', () => {
  it('rounds half to even like ONNX QuantizeLinear', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6].map(roundHalfToEven)).toEqual([0, 2, 2, -0, -2, -2, 2, -3]);
  });

  it('uses scale = float32(input scale x weight scale) per channel and reconstructs the bias within half a step', () => {
    const bias = [0.75, -1.2, 3e-3, 0];
    const weightScales = Float32Array.of(0.01, 0.002, 0.5, 1);
    const inputScale = Math.fround(0.0375);
    const result = quantizeBias(bias, inputScale, weightScales);
    for (let c = 0; c < bias.length; c++) {
      // Independent reference: the float32 product, and round(b / s) computed in float64.
      const scale = new Float32Array([inputScale * weightScales[c]])[0];
      expect(result.scales[c]).toBe(scale);
      expect(result.values[c]).toBe(Math.round(bias[c] / scale));
      expect(Math.abs(result.values[c] * scale - bias[c])).toBeLessThanOrEqual(scale / 2 + 1e-12);
    }
    expect(result.saturated).toBe(0);
    expect(biasScales(inputScale, Float32Array.of(0.01), 3)).toEqual(Float32Array.of(result.scales[0], result.scales[0], result.scales[0]));
  });

  it('saturates a bias that does not fit in int32 at its scale, and reports the error it leaves', () => {
    const result = quantizeBias([0.5, -0.5, 0.1], 0.01, Float32Array.of(1e-12, 1e-12, 0.01));
    expect(result.saturated).toBe(2);
    expect(result.values[0]).toBe(INT32_MAX);
    expect(result.values[1]).toBe(-INT32_MAX);
    expect(result.values[2]).toBe(1000);
    const scale = Math.fround(0.01 * Math.fround(1e-12));
    expect(result.maxAbsError).toBeCloseTo(0.5 - INT32_MAX * scale, 12);
  });

  it('rejects weight scales that match neither one per tensor nor one per channel', () => {
    expect(() => quantizeBias([1, 2, 3], 0.1, Float32Array.of(1, 2))).toThrow(/Expected 1 or 3 weight scales/);
  });
});
