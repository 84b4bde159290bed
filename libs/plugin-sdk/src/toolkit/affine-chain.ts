import type { NodeView, WeightView } from '../context/model-api';
import type { StageContext } from '../context/stage-context';
import { channelBroadcast, perChannelValues } from './channel-broadcast';
import type { GraphIndex } from './graph-index';
import type { LinearLayer } from './linear-layer';
import { floatAttribute, intAttribute, isOnnxOp } from './node-attributes';
import { readFloatWeight } from './weight-values';

/**
 * A run of per-channel affine operators right after a linear layer: y = scale[c] * x + shift[c],
 * accumulated in float64 over BatchNormalization (inference form) and, when allowed, Mul, Add,
 * Sub and Div by constants that are uniform or per-channel. The chain only extends through values
 * with a single reader, so removing its nodes changes nothing else.
 */
export interface AffineChain {
  readonly nodes: readonly NodeView[];
  readonly scale: Float64Array;
  readonly shift: Float64Array;
  /** The value the chain's last node produces: the folded layer must produce it instead. */
  readonly output: string;
  readonly batchNorms: number;
}

export interface AffineChainOptions {
  /** Also absorb Mul/Add/Sub/Div by constants, not only BatchNormalization. */
  readonly elementwise: boolean;
}

async function batchNormStep(ctx: StageContext, index: GraphIndex, node: NodeView, layer: LinearLayer, current: string): Promise<{ scale: Float64Array; shift: Float64Array } | undefined> {
  if (node.inputs[0] !== current || node.inputs.length < 5) return undefined;
  // Channels sit on axis 1 for BatchNormalization: the layer's output rank must put them there.
  if (layer.outputRank === undefined || layer.outputRank + layer.channelAxisFromEnd !== 1) return undefined;
  if (intAttribute(node, 'spatial', 1) !== 1 || intAttribute(node, 'training_mode', 0) !== 0) return undefined;
  if (node.outputs.slice(1).some((extra) => extra !== '' && !index.isUnread(extra))) return undefined;
  const channels = layer.outChannels;
  const params = node.inputs.slice(1, 5).map((name) => index.weight(name)).filter((param) => param?.dataType === 'float' && param.dims.length === 1 && param.dims[0] === channels);
  if (params.length !== 4) return undefined;
  const [gamma, beta, mean, variance] = await Promise.all(params.map((param) => readFloatWeight(ctx, param as WeightView)));
  const epsilon = floatAttribute(node, 'epsilon', 1e-5);
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = gamma.values[c] / Math.sqrt(variance.values[c] + epsilon);
    shift[c] = beta.values[c] - mean.values[c] * scale[c];
  }
  return { scale, shift };
}

async function elementwiseStep(ctx: StageContext, index: GraphIndex, node: NodeView, layer: LinearLayer, current: string): Promise<{ scale: Float64Array; shift: Float64Array } | undefined> {
  if (!isOnnxOp(node, 'Mul', 'Add', 'Sub', 'Div') || node.inputs.length !== 2) return undefined;
  const position = node.inputs.indexOf(current);
  const constant = index.weight(node.inputs[1 - position]);
  if (position < 0 || constant === undefined || constant.dataType !== 'float' || node.inputs[0] === node.inputs[1]) return undefined;
  if (layer.outputRank !== undefined ? constant.dims.length > layer.outputRank : constant.dims.length > -layer.channelAxisFromEnd) return undefined;
  const channels = layer.outChannels;
  const broadcast = channelBroadcast(constant.dims, layer.channelAxisFromEnd, channels);
  if (broadcast.kind === 'mismatch' || broadcast.spread) return undefined;
  const values = perChannelValues((await readFloatWeight(ctx, constant)).values, broadcast, channels);
  const scale = new Float64Array(channels).fill(1);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    const v = values[c];
    switch (node.opType) {
      case 'Mul':
        scale[c] = v;
        break;
      case 'Add':
        shift[c] = v;
        break;
      case 'Sub':
        if (position === 0) shift[c] = -v;
        else [scale[c], shift[c]] = [-1, v];
        break;
      default:
        // x / v only: v / x is not affine.
        if (position !== 0 || v === 0) return undefined;
        scale[c] = 1 / v;
    }
  }
  return { scale, shift };
}

/** Collects the affine chain after `layer`; undefined when its output does not feed one. */
export async function collectAffineChain(ctx: StageContext, index: GraphIndex, layer: LinearLayer, options: AffineChainOptions): Promise<AffineChain | undefined> {
  const channels = layer.outChannels;
  const scale = new Float64Array(channels).fill(1);
  const shift = new Float64Array(channels);
  const nodes: NodeView[] = [];
  let batchNorms = 0;
  let current = layer.node.outputs[0];
  for (;;) {
    const use = index.soleConsumer(current);
    if (use === undefined || use.node.name === '') break;
    const node = use.node;
    const step = isOnnxOp(node, 'BatchNormalization')
      ? await batchNormStep(ctx, index, node, layer, current)
      : options.elementwise
        ? await elementwiseStep(ctx, index, node, layer, current)
        : undefined;
    if (step === undefined) break;
    for (let c = 0; c < channels; c++) {
      scale[c] *= step.scale[c];
      shift[c] = shift[c] * step.scale[c] + step.shift[c];
    }
    if (isOnnxOp(node, 'BatchNormalization')) batchNorms++;
    nodes.push(node);
    current = node.outputs[0];
  }
  return nodes.length === 0 ? undefined : { nodes, scale, shift, output: current, batchNorms };
}
