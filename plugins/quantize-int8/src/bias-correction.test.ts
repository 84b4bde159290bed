import { accumulateChannelSums, outputShift, type WeightLayout } from './bias-correction';

/** Deterministic pseudo-random values in [-1, 1). */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[i] = state / 1073741824 - 1;
  }
  return out;
}

/** Rounds to a coarse grid: a stand-in for quantization whose error the correction must cancel. */
function coarse(weight: Float32Array): Float32Array {
  return weight.map((value) => Math.round(value * 8) / 8);
}

/** Output of a layer on an input that is constant per channel, from the ONNX definitions with nested indexing. */
function constantInputOutput(layout: WeightLayout, weight: Float32Array, input: readonly number[]): number[] {
  const [d0, d1] = layout.dims;
  const inner = weight.length / (d0 * d1);
  const w = (a: number, b: number, k: number) => weight[(a * d1 + b) * inner + k];
  const out = new Array<number>(layout.outChannels).fill(0);
  if (layout.kind === 'conv') {
    const outPerGroup = layout.outChannels / layout.group;
    for (let o = 0; o < d0; o++) {
      const group = Math.floor(o / outPerGroup);
      for (let i = 0; i < d1; i++) for (let k = 0; k < inner; k++) out[o] += w(o, i, k) * input[group * d1 + i];
    }
  } else if (layout.kind === 'conv-transpose') {
    const inPerGroup = d0 / layout.group;
    for (let i = 0; i < d0; i++) {
      const group = Math.floor(i / inPerGroup);
      for (let j = 0; j < d1; j++) for (let k = 0; k < inner; k++) out[group * d1 + j] += w(i, j, k) * input[i];
    }
  } else if (layout.weightOutAxis === 1) {
    for (let k = 0; k < d0; k++) for (let n = 0; n < d1; n++) out[n] += w(k, n, 0) * input[k];
  } else {
    for (let n = 0; n < d0; n++) for (let k = 0; k < d1; k++) out[n] += w(n, k, 0) * input[k];
  }
  return out;
}

const LAYOUTS: Array<[string, WeightLayout]> = [
  ['a Conv', { kind: 'conv', group: 1, outChannels: 5, inChannels: 3, weightOutAxis: 0, dims: [5, 3, 3, 3] }],
  ['a grouped Conv', { kind: 'conv', group: 2, outChannels: 6, inChannels: 4, weightOutAxis: 0, dims: [6, 2, 3, 3] }],
  ['a depthwise Conv', { kind: 'conv', group: 4, outChannels: 4, inChannels: 4, weightOutAxis: 0, dims: [4, 1, 5, 5] }],
  ['a grouped ConvTranspose', { kind: 'conv-transpose', group: 2, outChannels: 6, inChannels: 4, weightOutAxis: 1, dims: [4, 3, 2, 2] }],
  ['a MatMul', { kind: 'matmul', group: 1, outChannels: 7, inChannels: 5, weightOutAxis: 1, dims: [5, 7] }],
  ['a Gemm with transB', { kind: 'gemm', group: 1, outChannels: 7, inChannels: 5, weightOutAxis: 0, dims: [7, 5] }],
];

describe('bias correction', () => {
  it.each(LAYOUTS)('predicts the output shift of %s on a per-channel constant input exactly', (_, layout) => {
    const count = layout.dims.reduce((product, dim) => product * dim, 1);
    const weight = values(count, 7);
    const rounded = coarse(weight);
    const means = Array.from(values(layout.inChannels, 11), (value) => value * 3);
    const expected = constantInputOutput(layout, rounded, means).map((value, c) => value - constantInputOutput(layout, weight, means)[c]);
    const shift = outputShift(layout, weight, rounded, means);
    expect(shift).toHaveLength(layout.outChannels);
    shift.forEach((value, c) => expect(value).toBeCloseTo(expected[c], 5));
    expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  it('accumulates the sum of every channel of NCHW and [..., C] activations', () => {
    const nchw = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    const sums = new Float64Array(3);
    expect(accumulateChannelSums(nchw, [2, 3, 2, 2], 1, sums)).toBe(8);
    // channel c holds i in [4c, 4c + 4) for batch 0 and [12 + 4c, 12 + 4c + 4) for batch 1.
    expect([...sums]).toEqual([0 + 1 + 2 + 3 + 12 + 13 + 14 + 15, 4 + 5 + 6 + 7 + 16 + 17 + 18 + 19, 8 + 9 + 10 + 11 + 20 + 21 + 22 + 23]);
    const last = new Float64Array(2);
    expect(accumulateChannelSums(Float32Array.of(1, 10, 2, 20, 3, 30), [1, 3, 2], -1, last)).toBe(3);
    expect([...last]).toEqual([6, 60]);
  });

  it('refuses a channel axis or channel count that does not match the activation', () => {
    expect(() => accumulateChannelSums(new Float32Array(4), [2, 2], 2, new Float64Array(2))).toThrow(/outside a rank-2 activation/);
    expect(() => accumulateChannelSums(new Float32Array(4), [2, 2], 1, new Float64Array(3))).toThrow(/Expected 3 channels/);
    expect(() => outputShift(LAYOUTS[0][1], new Float32Array(135), new Float32Array(135), [1, 2])).toThrow(/Expected 3 input means/);
  });
});
