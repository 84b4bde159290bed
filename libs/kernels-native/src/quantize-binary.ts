/**
 * Binary and ternary weights with one scale per channel (or per tensor):
 *   binary   codes in {-1, +1} (sign, 0 counts as +1), scale = mean |x|            (XNOR-Net)
 *   ternary  codes in {-1, 0, +1}, zero when |x| <= threshold, threshold = thresholdRatio *
 *            mean |x| (0.7, Ternary Weight Networks), scale = mean |x| of the kept values
 * Dequantized values are code * scale[channel]. Thresholds and scales may be given instead
 * (finite, >= 0: a channel of zeros legitimately has scale 0). NaN/Inf inputs are rejected.
 *
 * Trust boundary (kernel calls): dtypes, lengths, axis, scale/threshold counts and values,
 * threads and the element cap are checked here. Tests: quantize-binary.test.ts.
 */
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import type { KernelCallOptions, Tensor } from './tensor';
import { elementCount, expectAxis, expectFiniteNumber, expectMaxElements, expectShape, expectTensor, expectThreads, expectTypedArray, invalidArgument, isTypedArrayOf } from './validate';

export interface SignQuantizedTensor {
  readonly kind: 'binary' | 'ternary';
  /** -1, 0 or +1 per element. */
  readonly codes: Int8Array;
  readonly shape: readonly number[];
  /** The channel axis, or undefined for one scale for the whole tensor. */
  readonly axis?: number;
  readonly scale: Float32Array;
  /** Ternary only: |x| <= threshold[channel] became 0. */
  readonly threshold?: Float32Array;
}

export interface SignQuantizeOptions extends KernelCallOptions {
  /** One scale per slice along this axis (negative counts from the end); default per tensor. */
  axis?: number;
  /** Use these scales (one per channel) instead of the computed ones. */
  scale?: Float32Array;
}

export interface TernaryQuantizeOptions extends SignQuantizeOptions {
  /** threshold = thresholdRatio * mean |x| per channel (default 0.7); ignored when `threshold` is given. */
  thresholdRatio?: number;
  threshold?: Float32Array;
}

function channelsOf(shape: readonly number[], axis: number | undefined) {
  if (axis === undefined) return { axis: undefined, outer: 1, axisDim: 1, inner: elementCount(shape) };
  const a = expectAxis('axis', axis, shape.length);
  return { axis: a, outer: elementCount(shape.slice(0, a)), axisDim: shape[a] as number, inner: elementCount(shape.slice(a + 1)) };
}

function expectNonNegative(name: string, values: unknown, count: number): Float32Array {
  const array = expectTypedArray(name, values, Float32Array, count);
  array.forEach((v, i) => {
    if (!(v >= 0) || !Number.isFinite(v)) throw invalidArgument(`Expected a finite number >= 0 for ${name}[${i}] but received ${v}`, `${name}[${i}]`);
  });
  return array;
}

async function signQuantize(x: Tensor<Float32Array>, ternary: boolean, options: TernaryQuantizeOptions): Promise<SignQuantizedTensor> {
  if (typeof options !== 'object' || options === null) throw invalidArgument('Expected an options object for options', 'options');
  const input = expectTensor('x', x, [Float32Array], expectMaxElements(options.maxElements));
  const { axis, ...channels } = channelsOf(input.shape, options.axis);
  const scale = options.scale === undefined ? undefined : expectNonNegative('scale', options.scale, channels.axisDim);
  const threshold = !ternary || options.threshold === undefined ? undefined : expectNonNegative('threshold', options.threshold, channels.axisDim);
  const thresholdRatio = options.thresholdRatio === undefined ? 0.7 : expectFiniteNumber('thresholdRatio', options.thresholdRatio);
  if (thresholdRatio < 0) throw invalidArgument(`Expected a number >= 0 for thresholdRatio but received ${thresholdRatio}`, 'thresholdRatio');
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const out = await callNative(ternary ? 'quantizeTernary' : 'quantizeBinary', () =>
    native.signQuantize({ ...channels, x: input.data, ternary, thresholdRatio, threshold, scale, threads, cancel }),
  );
  const result: SignQuantizedTensor = { kind: ternary ? 'ternary' : 'binary', codes: out.codes, shape: input.shape, scale: out.scale };
  return { ...result, ...(axis === undefined ? {} : { axis }), ...(ternary ? { threshold: out.threshold } : {}) };
}

export function quantizeBinary(x: Tensor<Float32Array>, options: SignQuantizeOptions = {}): Promise<SignQuantizedTensor> {
  return signQuantize(x, false, options);
}

export function quantizeTernary(x: Tensor<Float32Array>, options: TernaryQuantizeOptions = {}): Promise<SignQuantizedTensor> {
  return signQuantize(x, true, options);
}

export async function dequantizeSigned(q: SignQuantizedTensor, options: KernelCallOptions = {}): Promise<Tensor<Float32Array>> {
  if (typeof q !== 'object' || q === null) throw invalidArgument('Expected a binary or ternary tensor { codes, shape, scale, axis? } for q', 'q');
  const shape = expectShape('q.shape', q.shape, expectMaxElements(options.maxElements));
  if (!isTypedArrayOf(q.codes, Int8Array) || q.codes.length !== elementCount(shape)) {
    throw invalidArgument(`Expected q.codes to be an Int8Array of ${elementCount(shape)} values`, 'q.codes');
  }
  const { axis: _, ...channels } = channelsOf(shape, q.axis);
  const scale = expectNonNegative('q.scale', q.scale, channels.axisDim);
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const data = await callNative('dequantizeSigned', () => native.signDequantize({ ...channels, codes: q.codes, scale, threads, cancel }));
  return { data, shape: [...shape] };
}
