import type { GraphView, NodeView, StageContext, TensorHandle } from '@edgepress/plugin-sdk';
import { GraphIndex, isOnnxOp } from '@edgepress/plugin-sdk/toolkit';
import { channelMeans, type MeanRequest } from './activation-means';
import { quantizeBias } from './bias';
import type { WeightLayer } from './layers';
import type { ActivationOpType, QuantizeInt8Params } from './params';
import type { QuantizationScheme } from './scheme';
import { quantizeLayerWeight, type ConstantChannelCheck, type QuantizedLayerWeight } from './weight-artifacts';

/** Calibrated quantization of one activation tensor, with its scale and zero point as host tensors. */
export interface ActivationQuant {
  readonly tensor: string;
  readonly scale: number;
  readonly zeroPoint: number;
  readonly scaleTensor: TensorHandle;
  readonly zeroPointTensor: TensorHandle;
  /** The lowest and highest float values the quantized tensor can hold: scale x (qmin - zero point), scale x (qmax - zero point). */
  readonly representable: readonly [number, number];
}

export interface LayerQuant extends QuantizedLayerWeight {
  /** The corrected float bias as a host tensor (written when the layer keeps a float bias). */
  readonly floatBias?: TensorHandle;
  /** Scales (and float zero points) shaped to broadcast over the weight, for the cast-mul weight-only form. */
  readonly broadcast?: { readonly scale: TensorHandle; readonly zeroPoint?: TensorHandle };
  /** int32 bias at scale input_scale x weight_scale, for the int8 form of Conv/ConvTranspose/Gemm. */
  readonly int32Bias?: { readonly tensor: TensorHandle; readonly saturated: number; readonly maxAbsError: number };
}

/** An activation-only node wrapped in QDQ (e.g. Add, Concat, MaxPool). */
export interface ActivationUnit {
  readonly name: string;
  readonly opType: ActivationOpType;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

export interface StaticArtifacts {
  readonly layers: ReadonlyMap<string, LayerQuant>;
  readonly units: readonly ActivationUnit[];
  readonly activations: ReadonlyMap<string, ActivationQuant>;
}

const ACTIVATION_INPUTS: Readonly<Record<ActivationOpType, 'all' | 'first'>> = {
  Add: 'all',
  Mul: 'all',
  Concat: 'all',
  MaxPool: 'first',
  AveragePool: 'first',
  GlobalAveragePool: 'first',
  Resize: 'first',
  Sigmoid: 'first',
};

function activationUnit(index: GraphIndex, node: NodeView, opType: ActivationOpType): ActivationUnit | undefined {
  if (node.name === '' || !isOnnxOp(node, opType)) return undefined;
  const inputs = ACTIVATION_INPUTS[opType] === 'all' ? node.inputs : node.inputs.slice(0, 1);
  // QLinearAdd/QLinearMul/QLinearConcat need every operand quantized: constants would need their own quantization.
  if (inputs.some((input) => input === '' || index.isWeight(input))) return undefined;
  const output = node.outputs[0];
  if (output === undefined || index.isGraphOutput(output)) return undefined;
  return { name: node.name, opType, inputs, outputs: [output] };
}

export function selectActivationUnits(view: GraphView, opTypes: readonly ActivationOpType[], exclude: readonly string[]): ActivationUnit[] {
  if (opTypes.length === 0) return [];
  const index = new GraphIndex(view);
  const units: ActivationUnit[] = [];
  for (const node of view.nodes) {
    if (exclude.includes(node.name)) continue;
    const opType = opTypes.find((type) => isOnnxOp(node, type));
    const unit = opType === undefined ? undefined : activationUnit(index, node, opType);
    if (unit !== undefined) units.push(unit);
  }
  return units;
}

async function writeScalar(ctx: StageContext, dataType: 'float' | 'uint8' | 'int8', value: number): Promise<TensorHandle> {
  const values = dataType === 'float' ? Float32Array.of(value) : dataType === 'uint8' ? Uint8Array.of(value) : Int8Array.of(value);
  return ctx.tensors.write({ dataType, dims: [], values });
}

async function calibrate(ctx: StageContext, tensors: readonly string[], params: QuantizeInt8Params, scheme: QuantizationScheme): Promise<Map<string, ActivationQuant>> {
  const result = new Map<string, ActivationQuant>();
  if (scheme.activationType === 'float' || tensors.length === 0) return result;
  const activationType = scheme.activationType;
  const symmetric = activationType === 'int8';
  const [qmin, qmax] = activationType === 'uint8' ? [0, 255] : [-128, 127];
  const ranges = await ctx.calibration.ranges(tensors, {
    method: params.calibration,
    ...(params.calibration === 'percentile' ? { percentile: params.percentile } : {}),
    symmetric,
    dataType: activationType,
  });
  for (const tensor of tensors) {
    const range = ranges[tensor];
    result.set(tensor, {
      tensor,
      scale: range.scale,
      zeroPoint: range.zeroPoint,
      scaleTensor: await writeScalar(ctx, 'float', range.scale),
      zeroPointTensor: await writeScalar(ctx, activationType, range.zeroPoint),
      representable: [range.scale * (qmin - range.zeroPoint), range.scale * (qmax - range.zeroPoint)],
    });
  }
  return result;
}

/** The activation ranges around a layer whose output is quantized (constant channels are judged against them). */
function constantCheck(activations: ReadonlyMap<string, ActivationQuant>, layer: WeightLayer): ConstantChannelCheck | undefined {
  const input = activations.get(layer.input);
  const output = activations.get(layer.output);
  if (input === undefined || output === undefined) return undefined;
  const inputAbsMax = Math.max(-input.representable[0], input.representable[1]);
  return { inputScale: input.scale, inputAbsMax, outputStep: output.scale };
}

/** The weight's scales (and zero points, as floats) with the weight's rank: 1 everywhere but the channel axis. */
async function broadcastScales(ctx: StageContext, weight: QuantizedLayerWeight): Promise<LayerQuant['broadcast']> {
  const rank = weight.layer.linear.weight.dims.length;
  const dims = weight.axis === undefined ? [] : Array.from({ length: rank }, (_, axis) => (axis === weight.axis ? weight.scales.length : 1));
  const scale = await ctx.tensors.write({ dataType: 'float', dims, values: weight.scales });
  if (weight.zeroPoint === undefined) return { scale };
  const zeroPoints = (await ctx.tensors.read(weight.zeroPoint)).values as Int8Array;
  return { scale, zeroPoint: await ctx.tensors.write({ dataType: 'float', dims, values: Float32Array.from(zeroPoints) }) };
}

function meanRequest(layer: WeightLayer): MeanRequest {
  return { tensor: layer.input, axis: layer.inputChannelAxis, channels: layer.linear.inChannels };
}

/**
 * Everything the QDQ writer needs, computed once before any plan is tried: activation ranges
 * (calibrated on the float model), quantized weights, corrected float biases and int32 biases.
 */
export async function prepareStatic(
  ctx: StageContext,
  view: GraphView,
  layers: readonly WeightLayer[],
  units: readonly ActivationUnit[],
  params: QuantizeInt8Params,
  scheme: QuantizationScheme,
): Promise<StaticArtifacts> {
  const index = new GraphIndex(view);
  const tensors = new Set<string>();
  if (scheme.activationType !== 'float') {
    for (const layer of layers) {
      tensors.add(layer.input);
      if (!index.isGraphOutput(layer.output)) tensors.add(layer.output);
    }
    for (const unit of units) for (const tensor of [...unit.inputs, ...unit.outputs]) tensors.add(tensor);
    ctx.progress(0.05, `calibrating ${tensors.size} activations (${params.calibration})`);
  }
  const activations = await calibrate(ctx, [...tensors], params, scheme);

  const withMeans = params.biasCorrection && ctx.calibration.batches > 0 ? layers.filter((layer) => layer.bias.kind !== 'none') : [];
  ctx.progress(0.25, `measuring input means of ${withMeans.length} layers for bias correction`);
  const requests = [...new Map(withMeans.map((layer) => [layer.input, meanRequest(layer)])).values()];
  const means = requests.length === 0 ? new Map<string, Float64Array>() : await channelMeans(ctx, requests, Math.min(params.biasCorrectionBatches, ctx.calibration.batches));

  const prepared = new Map<string, LayerQuant>();
  for (const [position, layer] of layers.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress(0.4 + (0.2 * position) / layers.length, `quantizing weights of ${layer.name}`);
    const weight = await quantizeLayerWeight(ctx, index, layer, scheme, means.get(layer.input), constantCheck(activations, layer));
    const floatBias = weight.bias === undefined || weight.correction === 0 ? undefined : await ctx.tensors.write({ dataType: 'float', dims: weight.biasDims, values: Float32Array.from(weight.bias) });
    let int32Bias: LayerQuant['int32Bias'];
    const input = activations.get(layer.input);
    if (weight.bias !== undefined && layer.bias.kind === 'input' && input !== undefined) {
      const quantized = quantizeBias(weight.bias, input.scale, weight.scales);
      int32Bias = {
        tensor: await ctx.tensors.write({ dataType: 'int32', dims: weight.biasDims, values: quantized.values }),
        saturated: quantized.saturated,
        maxAbsError: quantized.maxAbsError,
      };
    }
    const broadcast = params.weightOnlyFormat === 'cast-mul' ? await broadcastScales(ctx, weight) : undefined;
    prepared.set(layer.name, { ...weight, floatBias, int32Bias, broadcast });
  }
  return { layers: prepared, units, activations };
}
