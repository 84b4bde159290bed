/**
 * Constant output channels. Folding learnable scales and BatchNormalization into a layer can leave
 * channels whose weights are all but zero (1e-17) and whose bias is not: the channel outputs a
 * constant. Per-channel quantization gives such a channel a tiny weight scale, and its int32 bias
 * at input_scale x weight_scale then does not fit in int32 (on the PP-OCRv4 recognizer, errors up
 * to 0.6 after saturation). When the channel's weights cannot move its output by half an output
 * quantization step for any input in the calibrated range, they are below int8 resolution and are
 * set to exactly 0 before quantization: the kernels then give the channel scale 1, and the bias
 * fits. Channels whose weights do matter are never touched.
 */
import { INT32_MAX } from './bias';

export interface ChannelLayout {
  readonly dims: readonly number[];
  /** Output-channel axis of the weight. */
  readonly axis: number;
}

function channelOf(layout: ChannelLayout): (index: number) => number {
  let inner = 1;
  for (let i = layout.axis + 1; i < layout.dims.length; i++) inner *= layout.dims[i];
  const channels = layout.dims[layout.axis];
  return (index) => Math.floor(index / inner) % channels;
}

/** Sum of |w| per output channel: the largest change a unit input can make to the channel's output. */
export function channelAbsSums(values: Float32Array, layout: ChannelLayout): Float64Array {
  const sums = new Float64Array(layout.dims[layout.axis]);
  const channel = channelOf(layout);
  for (let i = 0; i < values.length; i++) sums[channel(i)] += Math.abs(values[i]);
  return sums;
}

/**
 * Channels whose bias saturates int32 at its scale while their weights move the output by less
 * than half an output step for inputs within ±inputAbsMax.
 */
export function constantChannels(
  absSums: Float64Array,
  bias: ArrayLike<number>,
  biasScales: Float32Array,
  inputAbsMax: number,
  outputStep: number,
): number[] {
  const channels: number[] = [];
  for (let c = 0; c < absSums.length; c++) {
    const saturates = !(Math.abs(bias[c] / biasScales[c]) <= INT32_MAX);
    if (saturates && absSums[c] * inputAbsMax < outputStep / 2) channels.push(c);
  }
  return channels;
}

/** A copy of the weight with the given output channels set to 0. */
export function zeroChannels(values: Float32Array, layout: ChannelLayout, channels: readonly number[]): Float32Array {
  const zeroed = new Set(channels);
  const channel = channelOf(layout);
  const out = Float32Array.from(values);
  for (let i = 0; i < out.length; i++) if (zeroed.has(channel(i))) out[i] = 0;
  return out;
}
