/**
 * int32 bias of a quantized Conv/ConvTranspose/Gemm, the way ONNX Runtime's QDQ format expects it:
 * scale[c] = input_scale * weight_scale[c] (a float32 product), zero point 0, so that QLinearConv
 * can add it to the int32 accumulator directly. A channel whose weights are all but zero has a
 * tiny weight scale, and its bias may not fit in int32 at that scale: it saturates, and the error
 * it leaves is reported so that the caller can keep such a layer in float when it matters.
 */
import { EdgepressError, ErrorCode } from '@edgepress/plugin-sdk';

export const INT32_MAX = 2 ** 31 - 1;

export interface QuantizedBias {
  readonly values: Int32Array;
  /** float32 scale per channel (input scale times weight scale). */
  readonly scales: Float32Array;
  /** Channels whose bias did not fit in int32 and saturated. */
  readonly saturated: number;
  /** Largest |dequantized - bias| over the channels. */
  readonly maxAbsError: number;
}

/** Round half to even, as ONNX QuantizeLinear (and numpy.round) do. */
export function roundHalfToEven(x: number): number {
  const rounded = Math.round(x);
  return Math.abs(x % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/** Bias scales: the float32 product of the input scale and each weight scale (what a Mul node computes). */
export function biasScales(inputScale: number, weightScales: Float32Array, channels: number): Float32Array {
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) scales[c] = Math.fround(inputScale * (weightScales.length === 1 ? weightScales[0] : weightScales[c]));
  return scales;
}

export function quantizeBias(bias: ArrayLike<number>, inputScale: number, weightScales: Float32Array): QuantizedBias {
  const channels = bias.length;
  if (weightScales.length !== 1 && weightScales.length !== channels) {
    throw new EdgepressError(ErrorCode.INTERNAL, `Expected 1 or ${channels} weight scales for a bias of ${channels} channels but received ${weightScales.length}`);
  }
  const scales = biasScales(inputScale, weightScales, channels);
  const values = new Int32Array(channels);
  let saturated = 0;
  let maxAbsError = 0;
  for (let c = 0; c < channels; c++) {
    const b = bias[c];
    const scale = scales[c];
    let q = scale > 0 ? roundHalfToEven(b / scale) : 0;
    if (!(Math.abs(q) <= INT32_MAX)) {
      saturated++;
      q = q > 0 ? INT32_MAX : -INT32_MAX;
    }
    values[c] = q;
    maxAbsError = Math.max(maxAbsError, Math.abs(q * scale - b));
  }
  return { values, scales, saturated, maxAbsError };
}
