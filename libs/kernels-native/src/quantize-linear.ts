/**
 * QuantizeLinear and DequantizeLinear with ONNX semantics (opset 21): int8, uint8, int4 and uint4
 * (4-bit packed two per byte), per tensor, per axis and block-wise.
 *   quantize:   y = saturate(round_half_to_even(x / scale) + zero_point)
 *   dequantize: x = (y - zero_point) * scale
 * Division (not multiplication by a reciprocal) keeps results bit-identical to ONNX Runtime.
 * +-Inf saturates to the ends of the range as in ONNX Runtime; NaN is rejected with
 * INVALID_ARGUMENT (ONNX leaves it undefined and ONNX Runtime's vector and scalar paths disagree).
 *
 * Trust boundary (kernel calls): every argument is checked here before native code runs: tensor
 * dtypes and lengths against shapes, the axis, the block size, scale counts, scales finite and
 * > 0, zero points within the type, thread count, and the element cap (RESOURCE_EXHAUSTED).
 * Tests: quantize-linear.test.ts (against ONNX Runtime), quantize-linear.errors.test.ts.
 */
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import { expectScaleCount, scaleGeometry, type ScaleLayout } from './quantize-geometry';
import { QUANTIZED_TYPES, bitsOf, isSignedType, quantizedByteLength, quantizedRange, type QuantizedTensor, type QuantizedType } from './quantize-types';
import type { KernelCallOptions, Tensor } from './tensor';
import {
  elementCount,
  expectMaxElements,
  expectOneOf,
  expectScales,
  expectShape,
  expectTensor,
  expectThreads,
  expectZeroPoints,
  invalidArgument,
  isTypedArrayOf,
} from './validate';

/** Scales and zero points of a quantized tensor, and where they apply (see ScaleLayout). */
export interface QuantizationParams extends ScaleLayout {
  /** Finite and > 0; 1 value per tensor, shape[axis] per axis, or the block-wise scale tensor flattened. */
  scale: Float32Array;
  /** As many as scales, each within the type's range; 0 when omitted. */
  zeroPoint?: Int32Array;
}

export interface QuantizeOptions extends KernelCallOptions {
  /** Saturate to one bit less (int8 [-64, 63], uint8 [0, 127], int4 [-4, 3], uint4 [0, 7]). */
  reduceRange?: boolean;
  /**
   * Write the result here instead of a new array: an Int8Array for int8, else a Uint8Array, of
   * the result's byte length, sharing no memory with x (e.g. a range of shared memory).
   */
  out?: Int8Array | Uint8Array;
}

function expectParams(name: string, params: unknown): QuantizationParams {
  if (typeof params !== 'object' || params === null) {
    throw invalidArgument(`Expected an object { scale, zeroPoint?, axis?, blockSize? } for ${name}`, name);
  }
  return params as QuantizationParams;
}

function checkedGeometry(shape: readonly number[], params: QuantizationParams, type: QuantizedType) {
  const geometry = scaleGeometry(shape, params);
  expectScaleCount('scale', params.scale, geometry, Float32Array);
  expectScales('scale', params.scale);
  if (params.zeroPoint !== undefined) {
    expectScaleCount('zeroPoint', params.zeroPoint, geometry, Int32Array);
    const { qmin, qmax } = quantizedRange(type);
    expectZeroPoints('zeroPoint', params.zeroPoint, qmin, qmax);
  }
  return geometry;
}

export async function quantizeLinear(
  x: Tensor<Float32Array>,
  type: QuantizedType,
  params: QuantizationParams,
  options: QuantizeOptions = {},
): Promise<QuantizedTensor> {
  const maxElements = expectMaxElements(options.maxElements);
  const input = expectTensor('x', x, [Float32Array], maxElements);
  expectOneOf('type', type, QUANTIZED_TYPES);
  const p = expectParams('params', params);
  const { scaleCount: _, ...geometry } = checkedGeometry(input.shape, p, type);
  const { qmin, qmax } = quantizedRange(type, options.reduceRange ?? false);
  const threads = expectThreads(options.threads);
  const out = expectOutput(options.out, type, elementCount(input.shape), input.data);
  const cancel = cancelFlagFor(options.signal);
  const data = await callNative('quantizeLinear', () =>
    native.quantizeLinear({ ...geometry, x: input.data, scale: p.scale, zeroPoint: p.zeroPoint, qmin, qmax, bits: bitsOf(type), threads, cancel, out }),
  );
  return { type, data, shape: input.shape };
}

function expectOutput(out: unknown, type: QuantizedType, count: number, x: Float32Array): Int8Array | Uint8Array | undefined {
  if (out === undefined) return undefined;
  const ctor = type === 'int8' ? Int8Array : Uint8Array;
  const bytes = quantizedByteLength(type, count);
  const y = out as Int8Array | Uint8Array;
  if (!isTypedArrayOf(out, ctor) || y.length !== bytes) {
    const received = ArrayBuffer.isView(out) ? `${out.constructor.name}(${y.length})` : typeof out;
    throw invalidArgument(`Expected a ${ctor.name} of ${bytes} bytes for out (${type}) but received ${received}`, 'out');
  }
  if (y.buffer === x.buffer && y.byteOffset < x.byteOffset + x.byteLength && x.byteOffset < y.byteOffset + y.byteLength) {
    throw invalidArgument('Expected out not to share memory with x', 'out');
  }
  return y;
}

function expectQuantizedTensor(name: string, value: unknown, maxElements: number): QuantizedTensor & { shape: number[] } {
  if (typeof value !== 'object' || value === null) {
    throw invalidArgument(`Expected a quantized tensor { type, data, shape } for ${name} but received ${String(value)}`, name);
  }
  const { type, data, shape } = value as QuantizedTensor;
  expectOneOf(`${name}.type`, type, QUANTIZED_TYPES);
  const dims = expectShape(`${name}.shape`, shape, maxElements);
  const ctor = type === 'int8' ? Int8Array : Uint8Array;
  const bytes = quantizedByteLength(type, elementCount(dims));
  if (!isTypedArrayOf(data, ctor) || data.length !== bytes) {
    const received = ArrayBuffer.isView(data) ? `${data.constructor.name}(${(data as Uint8Array).length})` : typeof data;
    throw invalidArgument(`Expected a ${ctor.name} of ${bytes} bytes for ${name}.data (${type}, shape [${dims.join(', ')}]) but received ${received}`, `${name}.data`);
  }
  return { type, data, shape: [...dims] };
}

export async function dequantizeLinear(
  q: QuantizedTensor,
  params: QuantizationParams,
  options: KernelCallOptions = {},
): Promise<Tensor<Float32Array>> {
  const maxElements = expectMaxElements(options.maxElements);
  const input = expectQuantizedTensor('q', q, maxElements);
  const p = expectParams('params', params);
  const { scaleCount: _, ...geometry } = checkedGeometry(input.shape, p, input.type);
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const data = await callNative('dequantizeLinear', () =>
    native.dequantizeLinear({
      ...geometry,
      x: input.data,
      signed: isSignedType(input.type),
      scale: p.scale,
      zeroPoint: p.zeroPoint,
      bits: bitsOf(input.type),
      threads,
      cancel,
    }),
  );
  return { data, shape: input.shape };
}
