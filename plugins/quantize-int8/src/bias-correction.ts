/**
 * Bias correction (Nagel et al., "Data-Free Quantization", 2019, section 4.2, with empirical
 * input means): rounding the weights changes every output by (W_q - W) x, whose mean over the
 * data is (W_q - W) E[x]. Subtracting that from the bias removes the systematic part of the error,
 * which otherwise accumulates layer after layer (on the PP-OCRv4 recognizer it took the cosine of
 * weight-only int8 from 0.983 to 0.999). E[x] is the mean of each input channel on calibration
 * data, so this only uses quantities the stage can measure.
 */
import { EdgepressError, ErrorCode } from '@edgepress/plugin-sdk';
import type { LinearLayer } from '@edgepress/plugin-sdk/toolkit';

/** Weight layout needed to pair weight entries with input and output channels. */
export type WeightLayout = Pick<LinearLayer, 'kind' | 'group' | 'outChannels' | 'inChannels' | 'weightOutAxis'> & { readonly dims: readonly number[] };

export function layoutOf(layer: LinearLayer): WeightLayout {
  return { kind: layer.kind, group: layer.group, outChannels: layer.outChannels, inChannels: layer.inChannels, weightOutAxis: layer.weightOutAxis, dims: layer.weight.dims };
}

/**
 * The mean output shift per output channel: sum over the weight entries of an output channel of
 * (dequantized - original) times the mean of the input channel that entry multiplies.
 */
export function outputShift(layout: WeightLayout, original: Float32Array, dequantized: ArrayLike<number>, inputMeans: ArrayLike<number>): Float64Array {
  if (inputMeans.length !== layout.inChannels) throw new EdgepressError(ErrorCode.INTERNAL, `Expected ${layout.inChannels} input means but received ${inputMeans.length}`);
  const shift = new Float64Array(layout.outChannels);
  const dims = layout.dims;
  const delta = (i: number) => dequantized[i] - original[i];
  if (layout.kind === 'conv') {
    // [Cout, Cin/group, k...]: output o reads input channels of its group.
    const perGroupIn = dims[1];
    const perGroupOut = layout.outChannels / layout.group;
    const inner = original.length / (dims[0] * perGroupIn);
    for (let o = 0; o < dims[0]; o++) {
      const firstInput = Math.floor(o / perGroupOut) * perGroupIn;
      let sum = 0;
      for (let i = 0; i < perGroupIn; i++) {
        const start = (o * perGroupIn + i) * inner;
        let rowDelta = 0;
        for (let k = 0; k < inner; k++) rowDelta += delta(start + k);
        sum += rowDelta * inputMeans[firstInput + i];
      }
      shift[o] = sum;
    }
    return shift;
  }
  if (layout.kind === 'conv-transpose') {
    // [Cin, Cout/group, k...]: input i feeds the Cout/group outputs of its group.
    const perGroupOut = dims[1];
    const perGroupIn = dims[0] / layout.group;
    const inner = original.length / (dims[0] * perGroupOut);
    for (let i = 0; i < dims[0]; i++) {
      const firstOutput = Math.floor(i / perGroupIn) * perGroupOut;
      for (let j = 0; j < perGroupOut; j++) {
        const start = (i * perGroupOut + j) * inner;
        let cellDelta = 0;
        for (let k = 0; k < inner; k++) cellDelta += delta(start + k);
        shift[firstOutput + j] += cellDelta * inputMeans[i];
      }
    }
    return shift;
  }
  // Gemm / MatMul: 2-D, output channels along weightOutAxis.
  const [rows, columns] = dims;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const d = delta(r * columns + c);
      if (layout.weightOutAxis === 1) shift[c] += d * inputMeans[r];
      else shift[r] += d * inputMeans[c];
    }
  }
  return shift;
}

/**
 * Adds the sum and count of every channel of an activation to running totals. `axis` is the
 * channel axis (negative counts from the end).
 */
export function accumulateChannelSums(values: Float32Array, dims: readonly number[], axis: number, sums: Float64Array): number {
  const rank = dims.length;
  const channelAxis = axis < 0 ? rank + axis : axis;
  if (channelAxis < 0 || channelAxis >= rank) throw new EdgepressError(ErrorCode.INTERNAL, `Channel axis ${axis} is outside a rank-${rank} activation`);
  const channels = dims[channelAxis];
  if (channels !== sums.length) throw new EdgepressError(ErrorCode.INTERNAL, `Expected ${sums.length} channels on axis ${axis} but the activation has ${channels}`);
  let inner = 1;
  for (let i = channelAxis + 1; i < rank; i++) inner *= dims[i];
  const outer = values.length / (inner * channels);
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const start = (o * channels + c) * inner;
      let sum = 0;
      for (let k = 0; k < inner; k++) sum += values[start + k];
      sums[c] += sum;
    }
  }
  return outer * inner;
}
