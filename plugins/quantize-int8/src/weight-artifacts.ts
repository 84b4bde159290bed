import type { StageContext, TensorHandle } from '@edgepress/plugin-sdk';
import { readFloatWeight, type GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import { biasScales } from './bias';
import { layoutOf, outputShift } from './bias-correction';
import { channelAbsSums, constantChannels, zeroChannels } from './dead-channels';
import type { WeightLayer } from './layers';
import type { QuantizationScheme } from './scheme';

/** A layer's weight as the kernels quantized it, plus the float bias it should carry once quantized. */
export interface QuantizedLayerWeight {
  readonly layer: WeightLayer;
  /** int8, the weight's dims. */
  readonly quantized: TensorHandle;
  /** float, [] or [channels]. */
  readonly scale: TensorHandle;
  /** int8 zero points; absent for symmetric weights (DequantizeLinear then assumes 0). */
  readonly zeroPoint?: TensorHandle;
  /** Per-channel axis of the scales; undefined for one scale. */
  readonly axis: number | undefined;
  readonly scales: Float32Array;
  /** Float bias after bias correction (one per output channel); undefined when the layer has none and needs none. */
  readonly bias?: Float64Array;
  /** Dims to store the bias with: those of the existing bias (Gemm may carry [1, N], an Add [1, 1, N]), else [channels]. */
  readonly biasDims: readonly number[];
  /** Largest |mean output shift| removed by bias correction. */
  readonly correction: number;
  /** Output channels set to 0 before quantization (constant channels, see dead-channels.ts). */
  readonly zeroedChannels: number;
}

/** What deciding constant channels needs: the int8 activation ranges around the layer. */
export interface ConstantChannelCheck {
  readonly inputScale: number;
  readonly inputAbsMax: number;
  readonly outputStep: number;
}

/** Float bias values of a layer before quantization, or undefined when it has none. */
async function currentBias(ctx: StageContext, index: GraphIndex, layer: WeightLayer): Promise<Float32Array | undefined> {
  if (layer.bias.kind === 'add') {
    const weight = index.weight(layer.bias.weight);
    return weight === undefined ? undefined : (await readFloatWeight(ctx, weight)).values;
  }
  if (layer.bias.kind === 'input' && layer.linear.bias !== undefined) return (await readFloatWeight(ctx, layer.linear.bias)).values;
  return undefined;
}

function dequantize(values: Int8Array, scales: Float32Array, zeroPoints: Int8Array | undefined, dims: readonly number[], axis: number | undefined): Float64Array {
  const out = new Float64Array(values.length);
  if (axis === undefined) {
    const zero = zeroPoints?.[0] ?? 0;
    for (let i = 0; i < values.length; i++) out[i] = (values[i] - zero) * scales[0];
    return out;
  }
  let inner = 1;
  for (let i = axis + 1; i < dims.length; i++) inner *= dims[i];
  const channels = dims[axis];
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    out[i] = (values[i] - (zeroPoints?.[c] ?? 0)) * scales[c];
  }
  return out;
}

interface KernelQuantization {
  readonly quantized: TensorHandle;
  readonly scale: TensorHandle;
  readonly zeroPoint?: TensorHandle;
  readonly scales: Float32Array;
  readonly zeroPoints?: Int8Array;
}

async function kernelQuantize(ctx: StageContext, weight: TensorHandle, axis: number | undefined, scheme: QuantizationScheme): Promise<KernelQuantization> {
  const result = await ctx.kernels.quantize(weight, {
    dataType: 'int8',
    granularity: axis === undefined ? 'per-tensor' : 'per-channel',
    ...(axis === undefined ? {} : { axis }),
    symmetric: scheme.symmetricWeights,
    reduceRange: scheme.reduceRange,
  });
  const scales = (await ctx.tensors.read(result.scale)).values as Float32Array;
  if (scheme.symmetricWeights) {
    await ctx.tensors.release([result.zeroPoint]);
    return { quantized: result.quantized, scale: result.scale, scales };
  }
  const zeroPoints = (await ctx.tensors.read(result.zeroPoint)).values as Int8Array;
  return { quantized: result.quantized, scale: result.scale, zeroPoint: result.zeroPoint, scales, zeroPoints };
}

async function release(ctx: StageContext, quantization: KernelQuantization): Promise<void> {
  await ctx.tensors.release([quantization.quantized, quantization.scale, ...(quantization.zeroPoint === undefined ? [] : [quantization.zeroPoint])]);
}

/** Bias minus the mean output shift of the quantized weight (bias correction). */
function correctedBias(layer: WeightLayer, original: Float32Array, quantization: KernelQuantization, values: Int8Array, bias: Float64Array | undefined, inputMeans: Float64Array, axis: number | undefined) {
  const dims = layer.linear.weight.dims;
  const shift = outputShift(layoutOf(layer.linear), original, dequantize(values, quantization.scales, quantization.zeroPoints, dims, axis), inputMeans);
  const corrected = bias === undefined ? new Float64Array(shift.length) : Float64Array.from(bias);
  let correction = 0;
  for (let c = 0; c < shift.length; c++) {
    corrected[c] -= shift[c];
    correction = Math.max(correction, Math.abs(shift[c]));
  }
  return { corrected, correction };
}

/**
 * Quantizes a layer's weight with ctx.kernels.quantize (so the stored integers are the kernels'
 * reference quantization of the weight), corrects its bias for the mean shift the rounding causes
 * when input means are given, and, when `constants` is given, zeroes the constant channels whose
 * int32 bias would not fit (dead-channels.ts) and quantizes again.
 */
export async function quantizeLayerWeight(
  ctx: StageContext,
  index: GraphIndex,
  layer: WeightLayer,
  scheme: QuantizationScheme,
  inputMeans: Float64Array | undefined,
  constants?: ConstantChannelCheck,
): Promise<QuantizedLayerWeight> {
  const axis = scheme.perChannel ? layer.channelAxis : undefined;
  let quantization = await kernelQuantize(ctx, layer.linear.weight.tensor, axis, scheme);
  const original = await currentBias(ctx, index, layer);
  let bias = original === undefined ? undefined : Float64Array.from(original);
  let correction = 0;
  let zeroedChannels = 0;
  const needsValues = (inputMeans !== undefined && layer.bias.kind !== 'none') || (constants !== undefined && axis !== undefined);
  if (needsValues) {
    const weight = await readFloatWeight(ctx, layer.linear.weight);
    const correct = async () => {
      if (inputMeans === undefined || layer.bias.kind === 'none') return;
      const values = (await ctx.tensors.read(quantization.quantized)).values as Int8Array;
      ({ corrected: bias, correction } = correctedBias(layer, weight.values, quantization, values, original === undefined ? undefined : Float64Array.from(original), inputMeans, axis));
    };
    await correct();
    if (constants !== undefined && axis !== undefined && bias !== undefined) {
      const layout = { dims: weight.dims, axis };
      const channels = constantChannels(channelAbsSums(weight.values, layout), bias, biasScales(constants.inputScale, quantization.scales, bias.length), constants.inputAbsMax, constants.outputStep);
      if (channels.length > 0) {
        const zeroed = await ctx.tensors.write({ dataType: 'float', dims: weight.dims, values: zeroChannels(weight.values, layout, channels) });
        await release(ctx, quantization);
        quantization = await kernelQuantize(ctx, zeroed, axis, scheme);
        await ctx.tensors.release([zeroed]);
        zeroedChannels = channels.length;
        await correct();
      }
    }
  }
  const existing = layer.bias.kind === 'add' ? index.weight(layer.bias.weight) : layer.linear.bias;
  const biasDims = existing?.dims ?? [layer.linear.outChannels];
  return { layer, quantized: quantization.quantized, scale: quantization.scale, zeroPoint: quantization.zeroPoint, axis, scales: quantization.scales, bias, biasDims, correction, zeroedChannels };
}
