/**
 * One-call quantization of a tensor whose range is known in full (weights): the minimum and
 * maximum of every scale group (per tensor, per axis or per block) are computed natively, turned
 * into scales and zero points by computeQuantParams' rules, and the tensor is quantized with them.
 * Activations, whose range must be learned from batches, go through the Calibrator instead.
 * Tests: quantize-weights.test.ts.
 */
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import { quantizeLinear, type QuantizationParams, type QuantizeOptions } from './quantize-linear';
import { scaleGeometry, type ScaleLayout } from './quantize-geometry';
import { computeQuantParamsPerChannel, type QuantParamsOptions } from './quantize-params';
import { QUANTIZED_TYPES, type QuantizedTensor } from './quantize-types';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectMaxElements, expectOneOf, expectTensor, expectThreads, invalidArgument } from './validate';

export interface GroupRange {
  min: Float32Array;
  max: Float32Array;
}

/** Minimum and maximum of x per scale group of `layout` (one pair per tensor, per axis index, or per block). */
export async function tensorMinMax(x: Tensor<Float32Array>, layout: ScaleLayout = {}, options: KernelCallOptions = {}): Promise<GroupRange> {
  const input = expectTensor('x', x, [Float32Array], expectMaxElements(options.maxElements));
  if (typeof layout !== 'object' || layout === null) throw invalidArgument('Expected an object { axis?, blockSize? } for layout', 'layout');
  const { scaleCount: _, ...geometry } = scaleGeometry(input.shape, layout);
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  return callNative('tensorMinMax', () => native.minMaxLinear({ ...geometry, x: input.data, threads, cancel }));
}

export interface QuantizeTensorOptions extends QuantParamsOptions, ScaleLayout {}

export interface QuantizeTensorResult {
  quantized: QuantizedTensor;
  params: QuantizationParams;
}

/** Quantizes x with scales and zero points computed from its own per-group ranges. */
export async function quantizeTensor(
  x: Tensor<Float32Array>,
  spec: QuantizeTensorOptions,
  options: KernelCallOptions = {},
): Promise<QuantizeTensorResult> {
  if (typeof spec !== 'object' || spec === null) throw invalidArgument('Expected an object { type, axis?, blockSize?, symmetric?, reduceRange? } for spec', 'spec');
  expectOneOf('type', spec.type, QUANTIZED_TYPES);
  const layout: ScaleLayout = { axis: spec.axis, blockSize: spec.blockSize };
  const range = await tensorMinMax(x, layout, options);
  const { scale, zeroPoint } = computeQuantParamsPerChannel(range.min, range.max, spec);
  const params: QuantizationParams = { ...layout, scale, zeroPoint };
  const quantizeOptions: QuantizeOptions = { ...options, reduceRange: spec.reduceRange };
  return { quantized: await quantizeLinear(x, spec.type, params, quantizeOptions), params };
}
