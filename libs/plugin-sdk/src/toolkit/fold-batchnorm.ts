import type { NodeView, WeightView } from '../context/model-api';
import type { StageContext } from '../context/stage-context';
import { collectAffineChain, type AffineChain } from './affine-chain';
import { GraphIndex } from './graph-index';
import { describeLinearLayer, type LinearLayer } from './linear-layer';
import { floatAttribute, intAttribute, isOnnxOp } from './node-attributes';
import { removeOrphanWeights } from './orphan-weights';
import { elementCount } from './tensor-slice';
import { readFloatWeight, writeWeight } from './weight-values';

export interface FoldBatchNormOptions {
  /** Also fold Mul/Add/Sub/Div by uniform or per-channel constants that follow a layer. Default true. */
  readonly foldElementwise?: boolean;
  /** Only fold into these layers (node names); all when absent. */
  readonly include?: readonly string[];
  /** Never fold into these layers (node names). */
  readonly exclude?: readonly string[];
}

export interface FoldBatchNormReport {
  /** Layers that absorbed a chain. */
  readonly layers: number;
  readonly batchNorms: number;
  /** Mul/Add/Sub/Div nodes absorbed. */
  readonly elementwise: number;
  /** BatchNormalization nodes applied to a weight and replaced by the computed weight. */
  readonly constantBatchNorms: number;
  readonly nodesRemoved: number;
  /** Why some BatchNormalization nodes stayed. */
  readonly notes: readonly string[];
}

/** Multiplies every output channel's slice of the layer's weight by scale[channel] (float64 result). */
function scaleWeight(layer: LinearLayer, values: Float32Array, scale: Float64Array): Float64Array {
  const dims = layer.weight.dims;
  const out = new Float64Array(values.length);
  if (layer.kind === 'conv-transpose') {
    // [Cin, Cout/group, k...]: output channel = group index of the input row * (Cout/group) + column.
    const perGroupOut = dims[1];
    const perGroupIn = dims[0] / layer.group;
    const inner = elementCount(dims.slice(2));
    for (let i = 0; i < dims[0]; i++) {
      const groupBase = Math.floor(i / perGroupIn) * perGroupOut;
      for (let j = 0; j < perGroupOut; j++) {
        const s = scale[groupBase + j];
        const start = (i * perGroupOut + j) * inner;
        for (let k = 0; k < inner; k++) out[start + k] = values[start + k] * s;
      }
    }
    return out;
  }
  if (layer.weightOutAxis === 0) {
    const inner = values.length / dims[0];
    for (let o = 0; o < dims[0]; o++) for (let k = 0; k < inner; k++) out[o * inner + k] = values[o * inner + k] * scale[o];
    return out;
  }
  const columns = dims[1];
  for (let i = 0; i < values.length; i++) out[i] = values[i] * scale[i % columns];
  return out;
}

/** The new bias: scale * (Gemm's beta) * old bias + shift, broadcast to the old bias's shape or [channels]. */
async function foldedBias(ctx: StageContext, layer: LinearLayer, chain: AffineChain): Promise<{ dims: number[]; values: Float64Array }> {
  const channels = layer.outChannels;
  if (layer.bias === undefined) return { dims: [channels], values: Float64Array.from(chain.shift) };
  const old = await readFloatWeight(ctx, layer.bias);
  const beta = layer.kind === 'gemm' ? floatAttribute(layer.node, 'beta', 1) : 1;
  // Gemm's C broadcasts to [M, N]; its last axis (if any) indexes channels.
  const dims = old.dims.length === 0 || (old.dims.length === 1 && old.dims[0] === 1) ? [channels] : [...old.dims];
  const rows = elementCount(dims) / dims[dims.length - 1];
  const oldColumns = old.dims.length === 0 ? 1 : old.dims[old.dims.length - 1];
  const values = new Float64Array(rows * channels);
  if (dims[dims.length - 1] === 1) dims[dims.length - 1] = channels;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++) {
      const b = old.values[oldColumns === 1 ? (old.dims.length === 0 ? 0 : r) : r * oldColumns + c];
      values[r * channels + c] = beta * b * chain.scale[c] + chain.shift[c];
    }
  }
  return { dims, values };
}

function canFoldInto(index: GraphIndex, layer: LinearLayer): string | undefined {
  if (layer.node.name === '') return 'the layer has no name';
  if (layer.biasInput !== '' && (layer.bias === undefined || layer.bias.dataType !== 'float')) return 'its bias is not a float weight';
  if (layer.kind === 'gemm' && layer.bias !== undefined && layer.bias.dims.length > 2) return 'its bias has more than two axes';
  if (layer.kind === 'gemm' && layer.bias !== undefined && layer.bias.dims.length > 0) {
    const last = layer.bias.dims[layer.bias.dims.length - 1];
    if (last !== 1 && last !== layer.outChannels) return 'its bias does not broadcast over the output channels';
  }
  if (layer.kind === 'conv-transpose' && layer.weight.dims[0] % layer.group !== 0) return 'its group does not divide the input channels';
  return index.isGraphOutput(layer.node.outputs[0]) ? 'its output is a graph output' : undefined;
}

/** A weight name to write to: the weight itself when only this node reads it, else a fresh name. */
async function ownWeightName(ctx: StageContext, index: GraphIndex, weight: WeightView | undefined, fallback: string): Promise<{ name: string; fresh: boolean }> {
  if (weight !== undefined && index.consumers(weight.name).length === 1 && !index.isGraphOutput(weight.name)) return { name: weight.name, fresh: false };
  return { name: await ctx.model.uniqueName(fallback), fresh: true };
}

async function foldChain(ctx: StageContext, index: GraphIndex, layer: LinearLayer, chain: AffineChain): Promise<void> {
  const node = layer.node;
  const weight = await readFloatWeight(ctx, layer.weight);
  const target = await ownWeightName(ctx, index, layer.weight, `${node.name}_folded_weight`);
  await writeWeight(ctx, target.name, weight.dims, scaleWeight(layer, weight.values, chain.scale));
  const inputs = [...node.inputs];
  inputs[1] = target.name;
  await ctx.model.removeNodes(chain.nodes.map((member) => member.name));
  if (layer.kind === 'matmul') {
    // MatMul has no bias input: the shift becomes one Add (BN+MatMul -> MatMul+Add).
    const product = await ctx.model.uniqueName(`${node.name}_product`);
    await ctx.model.setNodeInputs(node.name, inputs);
    await ctx.model.setNodeOutputs(node.name, [product]);
    const biasName = await ctx.model.uniqueName(`${node.name}_folded_bias`);
    await writeWeight(ctx, biasName, [layer.outChannels], Float64Array.from(chain.shift));
    await ctx.model.addNode({ opType: 'Add', name: `${node.name}_bias`, inputs: [product, biasName], outputs: [chain.output] });
    return;
  }
  const bias = await foldedBias(ctx, layer, chain);
  const biasTarget = await ownWeightName(ctx, index, layer.bias, `${node.name}_folded_bias`);
  await writeWeight(ctx, biasTarget.name, bias.dims, bias.values);
  while (inputs.length < 3) inputs.push('');
  inputs[2] = biasTarget.name;
  await ctx.model.setNodeInputs(node.name, inputs);
  if (layer.kind === 'gemm' && floatAttribute(node, 'beta', 1) !== 1) await ctx.model.setAttributes(node.name, { beta: { type: 'float', value: 1 } });
  await ctx.model.setNodeOutputs(node.name, [chain.output]);
}

/** BatchNormalization of a weight (inference form): computed once and stored as the output weight. */
async function foldConstantBatchNorm(ctx: StageContext, index: GraphIndex, node: NodeView): Promise<boolean> {
  if (node.name === '' || node.inputs.length < 5 || index.isGraphOutput(node.outputs[0])) return false;
  if (intAttribute(node, 'spatial', 1) !== 1 || intAttribute(node, 'training_mode', 0) !== 0) return false;
  if (node.outputs.slice(1).some((extra) => extra !== '' && !index.isUnread(extra))) return false;
  const input = index.weight(node.inputs[0]);
  if (input === undefined || input.dataType !== 'float' || input.dims.length < 2) return false;
  const channels = input.dims[1];
  const params = node.inputs.slice(1, 5).map((name) => index.weight(name)).filter((param) => param?.dataType === 'float' && elementCount(param.dims) === channels);
  if (params.length !== 4) return false;
  const [x, gamma, beta, mean, variance] = await Promise.all([input, ...params].map((weight) => readFloatWeight(ctx, weight as WeightView)));
  const epsilon = floatAttribute(node, 'epsilon', 1e-5);
  const inner = elementCount(input.dims.slice(2));
  const out = new Float64Array(x.values.length);
  for (let i = 0; i < out.length; i++) {
    const c = Math.floor(i / inner) % channels;
    out[i] = ((x.values[i] - mean.values[c]) / Math.sqrt(variance.values[c] + epsilon)) * gamma.values[c] + beta.values[c];
  }
  await ctx.model.removeNodes([node.name]);
  await writeWeight(ctx, node.outputs[0], input.dims, out);
  return true;
}

function selected(name: string, options: FoldBatchNormOptions): boolean {
  if (options.exclude?.includes(name)) return false;
  return options.include === undefined || options.include.includes(name);
}

/**
 * Folds BatchNormalization (and, by default, Mul/Add/Sub/Div by per-channel constants) that
 * follows a Conv, ConvTranspose, Gemm or MatMul-by-constant into that layer's weight and bias,
 * and computes BatchNormalization applied to a weight. The model computes the same function up
 * to float rounding (the products are formed in float64 and rounded once). BatchNormalization
 * nodes that remain are explained in `notes`.
 */
export async function foldBatchNorm(ctx: StageContext, options: FoldBatchNormOptions = {}): Promise<FoldBatchNormReport> {
  const index = new GraphIndex(await ctx.model.graph());
  const notes: string[] = [];
  let layers = 0;
  let batchNorms = 0;
  let elementwise = 0;
  let constantBatchNorms = 0;
  let nodesRemoved = 0;
  const absorbed = new Set<NodeView>();
  for (const node of index.view.nodes) {
    ctx.signal.throwIfAborted();
    const layer = describeLinearLayer(index, node);
    if (layer === undefined || !selected(node.name, options)) continue;
    const chain = await collectAffineChain(ctx, index, layer, { elementwise: options.foldElementwise ?? true });
    if (chain === undefined) continue;
    const reason = canFoldInto(index, layer);
    if (reason !== undefined) {
      if (chain.batchNorms > 0) notes.push(`${node.name}: not folded, ${reason}`);
      continue;
    }
    await foldChain(ctx, index, layer, chain);
    for (const member of chain.nodes) absorbed.add(member);
    layers++;
    batchNorms += chain.batchNorms;
    elementwise += chain.nodes.length - chain.batchNorms;
    nodesRemoved += chain.nodes.length - (layer.kind === 'matmul' ? 1 : 0);
  }
  for (const node of index.view.nodes) {
    if (!isOnnxOp(node, 'BatchNormalization') || absorbed.has(node)) continue;
    if (await foldConstantBatchNorm(ctx, index, node)) {
      constantBatchNorms++;
      nodesRemoved++;
    } else {
      const producer = index.producer(node.inputs[0]);
      notes.push(`${node.name || '(unnamed BatchNormalization)'}: kept, its input ${producer === undefined ? 'is a graph input' : `comes from ${producer.opType} ${producer.name}`} that it cannot fold into`);
    }
  }
  if (layers > 0 || constantBatchNorms > 0) await removeOrphanWeights(ctx, index);
  return { layers, batchNorms, elementwise, constantBatchNorms, nodesRemoved, notes };
}
