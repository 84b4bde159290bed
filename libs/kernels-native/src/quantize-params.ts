/**
 * Scale and zero point from an observed range, the way ONNX Runtime's quantizer computes them
 * (onnxruntime/python/tools/quantization/quant_utils.py, compute_scale_zp): the range is widened
 * to include 0, so that 0 is exactly representable (it quantizes to the zero point); symmetric
 * ranges are centred on 0 (signed types use the symmetric range [-127, 127], [-7, 7], or one bit
 * less with reduceRange, so that +-max both map to integers); the arithmetic runs in float64 and
 * the scale is rounded to float32 last; a range narrower than the smallest normal float32 gets
 * scale 1 and zero point 0. Calibration (calibrate.ts) turns its thresholds into parameters here.
 *
 * One deliberate difference from ONNX Runtime: its reduced int8 range is [-64, 64] (not a 7-bit
 * range); ours is [-64, 63] for saturation and [-63, 63] for symmetric scales.
 */
import { expectFiniteNumber, expectOneOf, expectTypedArray, invalidArgument } from './validate';
import { QUANTIZED_TYPES, quantizedRange, type QuantizedRange, type QuantizedType } from './quantize-types';

export interface QuantParamsOptions {
  type: QuantizedType;
  /** Centre the range on 0; for signed types the zero point is then 0. */
  symmetric?: boolean;
  /** One bit less of range (7-bit int8 weights). */
  reduceRange?: boolean;
}

export interface QuantParams {
  scale: number;
  zeroPoint: number;
}

export interface PerChannelQuantParams {
  scale: Float32Array;
  zeroPoint: Int32Array;
}

const FLOAT32_TINY = 1.1754943508222875e-38;

/** The range scales are computed over: symmetric signed types drop their most negative value. */
export function scaleRange(type: QuantizedType, symmetric: boolean, reduceRange: boolean): QuantizedRange {
  const range = quantizedRange(type, reduceRange);
  return symmetric && range.qmin < 0 ? { qmin: -range.qmax, qmax: range.qmax } : range;
}

/** Round half to even, as numpy.round and ONNX's QuantizeLinear round. */
export function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  const even = Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return even === 0 ? 0 : even;
}

function paramsFor(min: number, max: number, range: QuantizedRange, symmetric: boolean): QuantParams {
  let rmin = Math.min(min, 0);
  let rmax = Math.max(max, 0);
  if (symmetric) {
    const absmax = Math.max(Math.abs(rmin), Math.abs(rmax));
    rmin = -absmax;
    rmax = absmax;
  }
  const scale = (rmax - rmin) / (range.qmax - range.qmin);
  if (scale < FLOAT32_TINY) return { scale: 1, zeroPoint: 0 };
  const zeroPoint = symmetric ? roundHalfToEven((range.qmin + range.qmax) / 2) : roundHalfToEven(range.qmin - rmin / scale);
  return { scale: Math.fround(scale), zeroPoint: Math.min(range.qmax, Math.max(range.qmin, zeroPoint)) };
}

function readOptions(options: QuantParamsOptions): { range: QuantizedRange; symmetric: boolean } {
  if (typeof options !== 'object' || options === null) throw invalidArgument('Expected an options object for options', 'options');
  const type = expectOneOf('type', options.type, QUANTIZED_TYPES);
  const symmetric = options.symmetric ?? false;
  const reduceRange = options.reduceRange ?? false;
  return { range: scaleRange(type, symmetric, reduceRange), symmetric };
}

function expectRange(minName: string, min: unknown, maxName: string, max: unknown): void {
  const lo = expectFiniteNumber(minName, min);
  const hi = expectFiniteNumber(maxName, max);
  if (lo > hi) throw invalidArgument(`Expected ${minName} <= ${maxName} but received ${lo} > ${hi}`, minName);
}

/** Scale and zero point for values observed in [min, max]. */
export function computeQuantParams(min: number, max: number, options: QuantParamsOptions): QuantParams {
  const { range, symmetric } = readOptions(options);
  expectRange('min', min, 'max', max);
  return paramsFor(min, max, range, symmetric);
}

/** Per-channel (or per-block) parameters from parallel arrays of minima and maxima. */
export function computeQuantParamsPerChannel(min: Float32Array, max: Float32Array, options: QuantParamsOptions): PerChannelQuantParams {
  const { range, symmetric } = readOptions(options);
  expectTypedArray('min', min, Float32Array);
  expectTypedArray('max', max, Float32Array, min.length);
  const scale = new Float32Array(min.length);
  const zeroPoint = new Int32Array(min.length);
  for (let i = 0; i < min.length; i++) {
    expectRange(`min[${i}]`, min[i], `max[${i}]`, max[i]);
    const params = paramsFor(min[i] as number, max[i] as number, range, symmetric);
    scale[i] = params.scale;
    zeroPoint[i] = params.zeroPoint;
  }
  return { scale, zeroPoint };
}
