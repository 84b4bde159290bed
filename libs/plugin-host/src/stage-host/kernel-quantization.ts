/**
 * `ctx.kernels` quantization methods on the host: quantize (per tensor, per channel or block-wise;
 * int8/uint8/int4/uint4; symmetric; reduce_range), dequantize, binary/ternary signs, and the
 * MatMulNBits packing. Handles are checked and decoded here, the arithmetic runs in the
 * KernelService (kernels-native in process, or the gRPC kernel server), which validates again
 * before native code runs. 4-bit results are unpacked to one value per element, the form the SDK
 * and libs/onnx use. Tests: kernel-methods.test.ts.
 */
import type { QuantizedTensor as SdkQuantized } from '@edgepress/plugin-sdk';
import { DataType, packInt4, unpackInt4 } from '@edgepress/onnx';
import { expectBoolean, expectInteger, expectNumber, expectOneOf, expectOptions, invalidArgument } from './arguments';
import { callOptions, floatInput, normalizeAxis, output, product, type KernelContext } from './kernel-inputs';

const INTEGER_TYPES = ['int8', 'uint8', 'int4', 'uint4'] as const;
type IntegerType = (typeof INTEGER_TYPES)[number];
const DATA_TYPE_NUMBER: Record<IntegerType, number> = { int8: DataType.INT8, uint8: DataType.UINT8, int4: DataType.INT4, uint4: DataType.UINT4 };
const MAX_BLOCK_SIZE = 2 ** 30;

/** Layout of the scales of a tensor of `shape`: per tensor (no axis), per axis, or in blocks along the axis. */
function scaleDims(shape: readonly number[], axis: number | undefined, blockSize: number | undefined): number[] {
  if (axis === undefined) return [];
  if (blockSize === undefined) return [shape[axis]];
  return shape.map((dim, i) => (i === axis ? Math.ceil(dim / blockSize) : dim));
}

function unpacked(type: IntegerType, data: Int8Array | Uint8Array, count: number): Int8Array | Uint8Array {
  return type === 'int4' || type === 'uint4' ? unpackInt4(data as Uint8Array, count, type === 'int4') : data;
}

export async function quantize(context: KernelContext, input: unknown, options: unknown): Promise<SdkQuantized> {
  const x = floatInput(context, input, 'quantize(input)');
  const checked = expectOptions(options, 'quantize(options)', ['dataType', 'granularity', 'axis', 'blockSize', 'symmetric', 'reduceRange'], true);
  const type = expectOneOf(checked.dataType, 'options.dataType', INTEGER_TYPES);
  const granularity = expectOneOf(checked.granularity, 'options.granularity', ['per-tensor', 'per-channel', 'block'] as const);
  if (granularity !== 'block' && checked.blockSize !== undefined) throw invalidArgument(`options.blockSize applies to granularity "block" only, not "${granularity}"`);
  if (granularity === 'per-tensor' && checked.axis !== undefined) throw invalidArgument('options.axis does not apply to granularity "per-tensor"');
  const axis = granularity === 'per-tensor' ? undefined : normalizeAxis(checked.axis ?? 0, x.shape.length, 'options.axis');
  const blockSize = granularity === 'block' ? expectInteger(checked.blockSize, 'options.blockSize', 1, MAX_BLOCK_SIZE) : undefined;
  const symmetric = checked.symmetric === undefined ? true : expectBoolean(checked.symmetric, 'options.symmetric');
  const reduceRange = checked.reduceRange === undefined ? false : expectBoolean(checked.reduceRange, 'options.reduceRange');
  const { quantized, params } = await context.kernels.quantizeTensor(
    { data: x.data, shape: x.shape },
    { type, symmetric, reduceRange, ...(axis === undefined ? {} : { axis }), ...(blockSize === undefined ? {} : { blockSize }) },
    callOptions(context),
  );
  const dims = scaleDims(x.shape, axis, blockSize);
  const zeroPoints = params.zeroPoint ?? new Int32Array(params.scale.length);
  return {
    quantized: output(context, type, x.shape, unpacked(type, quantized.data, product(x.shape))),
    scale: output(context, 'float', dims, params.scale),
    zeroPoint: output(context, type, dims, zeroPoints),
  };
}

export async function dequantize(context: KernelContext, input: unknown, options: unknown) {
  const parts = expectOptions(input, 'dequantize(input)', ['quantized', 'scale', 'zeroPoint'], true);
  const quantized = context.table.tensor(parts.quantized, 'input.quantized');
  const type = (Object.keys(DATA_TYPE_NUMBER) as IntegerType[]).find((name) => DATA_TYPE_NUMBER[name] === quantized.dataType);
  if (type === undefined) throw invalidArgument(`Expected input.quantized to hold int8, uint8, int4 or uint4 values but it holds data type ${quantized.dataType}`);
  const scale = floatInput(context, parts.scale, 'input.scale');
  const zeroPoint = context.table.tensor(parts.zeroPoint, 'input.zeroPoint');
  if (zeroPoint.dataType !== quantized.dataType) throw invalidArgument(`Expected input.zeroPoint to have the type of input.quantized (${type})`);
  if (zeroPoint.dims.length !== scale.shape.length || zeroPoint.dims.some((dim, i) => dim !== scale.shape[i])) {
    throw invalidArgument(`Expected input.zeroPoint to have the dims of input.scale [${scale.shape.join(', ')}] but it has [${zeroPoint.dims.join(', ')}]`);
  }
  const checked = expectOptions(options, 'dequantize(options)', ['axis', 'blockSize']);
  const shape = [...quantized.dims];
  const perTensor = scale.shape.length === 0 && checked.axis === undefined && checked.blockSize === undefined;
  const axis = perTensor ? undefined : normalizeAxis(checked.axis ?? 0, shape.length, 'options.axis');
  const blockSize = checked.blockSize === undefined ? undefined : expectInteger(checked.blockSize, 'options.blockSize', 1, MAX_BLOCK_SIZE);
  const expected = scaleDims(shape, axis, blockSize);
  if (product(expected) !== scale.data.length) {
    throw invalidArgument(`Expected input.scale to hold ${product(expected)} values for a ${shape.join('x')} tensor with ${axis === undefined ? 'one scale' : blockSize === undefined ? `a scale per index of axis ${axis}` : `blocks of ${blockSize} along axis ${axis}`} but it holds ${scale.data.length}`);
  }
  const packed = type === 'int4' || type === 'uint4' ? packInt4(quantized.data as Int8Array) : (quantized.data as Int8Array | Uint8Array);
  const result = await context.kernels.dequantizeLinear(
    { type, data: packed, shape },
    { scale: scale.data, zeroPoint: Int32Array.from(zeroPoint.data as ArrayLike<number>), ...(axis === undefined ? {} : { axis }), ...(blockSize === undefined ? {} : { blockSize }) },
    callOptions(context),
  );
  return output(context, 'float', shape, result.data);
}

export async function quantizeBinary(context: KernelContext, input: unknown, options: unknown) {
  const x = floatInput(context, input, 'quantizeBinary(input)');
  const checked = expectOptions(options, 'quantizeBinary(options)', ['axis', 'ternaryThreshold'], true);
  const axis = normalizeAxis(checked.axis, x.shape.length, 'options.axis');
  const tensor = { data: x.data, shape: x.shape };
  const signed =
    checked.ternaryThreshold === undefined
      ? await context.kernels.quantizeBinary(tensor, { axis, ...callOptions(context) })
      : await context.kernels.quantizeTernary(tensor, { axis, thresholdRatio: expectNumber(checked.ternaryThreshold, 'options.ternaryThreshold', 0, 1e6), ...callOptions(context) });
  return { signs: output(context, 'int8', x.shape, signed.codes), scale: output(context, 'float', [x.shape[axis]], signed.scale) };
}

export async function quantizeMatMulNBits(context: KernelContext, weight: unknown, options: unknown) {
  const w = floatInput(context, weight, 'quantizeMatMulNBits(weight)');
  if (w.shape.length !== 2) throw invalidArgument(`Expected a MatMul weight [K, N] for quantizeMatMulNBits(weight) but it has dims [${w.shape.join(', ')}]`);
  const checked = expectOptions(options, 'quantizeMatMulNBits(options)', ['blockSize', 'symmetric'], true);
  const blockSize = expectInteger(checked.blockSize, 'options.blockSize', 16, 256);
  const symmetric = checked.symmetric === undefined ? false : expectBoolean(checked.symmetric, 'options.symmetric');
  const packed = await context.kernels.quantizeInt4Weights({ data: w.data, shape: w.shape }, { blockSize, symmetric, ...callOptions(context) });
  const blocks = Math.ceil(packed.k / packed.blockSize);
  return {
    packed: output(context, 'uint8', [packed.n, blocks, packed.blockSize / 2], packed.data),
    scales: output(context, 'float', [packed.n * blocks], packed.scales),
    ...(packed.zeroPoints === undefined ? {} : { zeroPoints: output(context, 'uint8', [packed.zeroPoints.length], packed.zeroPoints) }),
    k: packed.k,
    n: packed.n,
    blockSize: packed.blockSize,
  };
}
