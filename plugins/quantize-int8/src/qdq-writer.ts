/**
 * Writes a static quantization plan into the model in ONNX Runtime's QDQ format:
 * - every quantized activation X becomes X -> QuantizeLinear -> DequantizeLinear -> (all readers of X),
 *   so that a layer's output feeds nothing but its QuantizeLinear (what ONNX Runtime needs to fuse
 *   DequantizeLinear -> Conv -> QuantizeLinear into QLinearConv);
 * - an int8 weight is an int8 initializer read through DequantizeLinear (per-channel: axis attribute,
 *   opset 13); symmetric weights carry no zero point;
 * - the bias of an int8 Conv/ConvTranspose/Gemm is int32 with scale input_scale x weight_scale,
 *   computed by a Mul of the two scale initializers (ONNX Runtime folds it at load time) rather
 *   than stored, which saves 4 bytes per output channel;
 * - a 'weights-int8' layer keeps float activations and its corrected float bias; its int8 weight
 *   is read through Cast + (Sub) + Mul by scales shaped to broadcast (ONNX Runtime folds these
 *   constants into a float weight when the session loads, so the layer runs at fp32 speed from an
 *   int8 file), or through a DequantizeLinear (weightOnlyFormat 'dequantize-linear').
 * The plan is applied to the float model the caller snapshotted; the view is that model's graph.
 */
import type { GraphView, NodeView, StageContext } from '@edgepress/plugin-sdk';
import { GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import { NameAllocator } from './name-allocator';
import type { LayerQuant, StaticArtifacts } from './static-artifacts';

export type LayerLevel = 'int8' | 'weights-int8' | 'fp32';

export interface StaticPlan {
  /** Level of every weight layer (absent: fp32). */
  readonly layers: ReadonlyMap<string, LayerLevel>;
  /** Activation units wrapped in QDQ. */
  readonly units: ReadonlySet<string>;
}

/** The nodes a written plan added, for attributing profiled time to layers. */
export interface WrittenPlan {
  /** QuantizeLinear and DequantizeLinear nodes added for every quantized activation (QDQ: both; QOperator: those float operators need). */
  readonly activationNodes: ReadonlyMap<string, readonly string[]>;
  /** Nodes added for a layer's weight and bias (DequantizeLinear, Mul). */
  readonly layerNodes: ReadonlyMap<string, readonly string[]>;
}

/** Activations a plan quantizes: the inputs and outputs of its int8 layers and units. */
export function quantizedActivations(index: GraphIndex, artifacts: StaticArtifacts, plan: StaticPlan): Set<string> {
  const tensors = new Set<string>();
  for (const [name, level] of plan.layers) {
    if (level !== 'int8') continue;
    const layer = (artifacts.layers.get(name) as LayerQuant).layer;
    tensors.add(layer.input);
    if (!index.isGraphOutput(layer.output)) tensors.add(layer.output);
  }
  for (const unit of artifacts.units) {
    if (!plan.units.has(unit.name)) continue;
    for (const tensor of [...unit.inputs, ...unit.outputs]) tensors.add(tensor);
  }
  return tensors;
}

/** The `before` of a NodeSpec that inserts a node ahead of `node` (unnamed nodes cannot be referred to: appended then). */
export function insertBefore(node: NodeView | undefined): { readonly before?: string } {
  return node === undefined || node.name === '' ? {} : { before: node.name };
}

export class InputRewrites {
  private readonly rewritten = new Map<string, string[]>();

  of(node: NodeView): string[] {
    let inputs = this.rewritten.get(node.name);
    if (inputs === undefined) {
      inputs = [...node.inputs];
      this.rewritten.set(node.name, inputs);
    }
    return inputs;
  }

  set(node: NodeView, index: number, value: string): void {
    const inputs = this.of(node);
    while (inputs.length <= index) inputs.push('');
    inputs[index] = value;
  }

  async apply(ctx: StageContext): Promise<void> {
    for (const [node, inputs] of this.rewritten) await ctx.model.setNodeInputs(node, inputs);
  }
}

/** (Cast(q) - zero point) * scale, every operand a constant: folded by ONNX Runtime at load time. */
async function castMulWeight(ctx: StageContext, names: NameAllocator, weight: string, broadcast: NonNullable<LayerQuant['broadcast']>, before: string, added: string[]): Promise<string> {
  const [scale, cast, castNode] = [names.take(), names.take(), names.take()];
  await ctx.model.setWeight(scale, broadcast.scale);
  await ctx.model.addNode({ opType: 'Cast', name: castNode, inputs: [weight], outputs: [cast], attributes: { to: { type: 'int', value: 1 } }, before });
  let centred = cast;
  if (broadcast.zeroPoint !== undefined) {
    const [zeroPoint, subNode] = [names.take(), names.take()];
    centred = names.take();
    await ctx.model.setWeight(zeroPoint, broadcast.zeroPoint);
    await ctx.model.addNode({ opType: 'Sub', name: subNode, inputs: [cast, zeroPoint], outputs: [centred], before });
    added.push(subNode);
  }
  const [dequantized, mulNode] = [names.take(), names.take()];
  await ctx.model.addNode({ opType: 'Mul', name: mulNode, inputs: [centred, scale], outputs: [dequantized], before });
  added.push(castNode, mulNode);
  return dequantized;
}

function biasAxis(quant: LayerQuant): number | undefined {
  if (quant.axis === undefined) return undefined;
  return quant.biasDims.length - 1;
}

/** Writes a float bias corrected for weight rounding where the layer keeps it (a weights-int8 layer, or an int8 one without an int32 bias). */
export async function writeFloatBias(ctx: StageContext, names: NameAllocator, rewrites: InputRewrites, node: NodeView, quant: LayerQuant): Promise<void> {
  if (quant.floatBias === undefined) return;
  const slot = quant.layer.bias;
  if (slot.kind === 'add') await ctx.model.setWeight(slot.weight, quant.floatBias);
  else if (quant.layer.linear.bias !== undefined) await ctx.model.setWeight(quant.layer.linear.bias.name, quant.floatBias);
  else {
    const bias = names.take();
    await ctx.model.setWeight(bias, quant.floatBias);
    rewrites.set(node, 2, bias);
  }
}

/**
 * Writes one layer in QDQ form: its weight through DequantizeLinear (or Cast + Mul for a
 * weights-int8 layer), and for an int8 layer whose input scale is `inputScale` its int32 bias.
 * The nodes go just before the layer's; returns their names.
 */
export async function writeQdqLayer(ctx: StageContext, names: NameAllocator, rewrites: InputRewrites, node: NodeView, quant: LayerQuant, level: 'int8' | 'weights-int8', inputScale: string | undefined): Promise<string[]> {
  const added: string[] = [];
  const weight = names.take();
  await ctx.model.setWeight(weight, quant.quantized);
  let scale: string | undefined;
  let dequantized: string;
  if (level === 'weights-int8' && quant.broadcast !== undefined) {
    dequantized = await castMulWeight(ctx, names, weight, quant.broadcast, node.name, added);
  } else {
    scale = names.take();
    dequantized = names.take();
    const dqNode = names.take();
    await ctx.model.setWeight(scale, quant.scale);
    const dqInputs = [weight, scale];
    if (quant.zeroPoint !== undefined) {
      const zeroPoint = names.take();
      await ctx.model.setWeight(zeroPoint, quant.zeroPoint);
      dqInputs.push(zeroPoint);
    }
    await ctx.model.addNode({ opType: 'DequantizeLinear', name: dqNode, inputs: dqInputs, outputs: [dequantized], before: node.name, ...(quant.axis === undefined ? {} : { attributes: { axis: quant.axis } }) });
    added.push(dqNode);
  }
  rewrites.set(node, 1, dequantized);

  if (level === 'int8' && quant.int32Bias !== undefined && inputScale !== undefined && scale !== undefined) {
    const [bias, biasScale, biasDequantized, mulNode, biasNode] = [names.take(), names.take(), names.take(), names.take(), names.take()];
    await ctx.model.setWeight(bias, quant.int32Bias.tensor);
    await ctx.model.addNode({ opType: 'Mul', name: mulNode, inputs: [inputScale, scale], outputs: [biasScale], before: node.name });
    const axis = biasAxis(quant);
    await ctx.model.addNode({ opType: 'DequantizeLinear', name: biasNode, inputs: [bias, biasScale], outputs: [biasDequantized], before: node.name, ...(axis === undefined ? {} : { attributes: { axis } }) });
    added.push(mulNode, biasNode);
    rewrites.set(node, 2, biasDequantized);
  } else {
    await writeFloatBias(ctx, names, rewrites, node, quant);
  }
  return added;
}

export async function writeStaticPlan(ctx: StageContext, view: GraphView, artifacts: StaticArtifacts, plan: StaticPlan): Promise<WrittenPlan> {
  const index = new GraphIndex(view);
  const names = new NameAllocator(view);
  const rewrites = new InputRewrites();
  const activationNodes = new Map<string, readonly string[]>();
  const scaleOf = new Map<string, string>();
  for (const tensor of quantizedActivations(index, artifacts, plan)) {
    const quant = artifacts.activations.get(tensor);
    if (quant === undefined) continue;
    const [scale, zeroPoint, quantized, dequantized, qNode, dqNode] = [names.take(), names.take(), names.take(), names.take(), names.take(), names.take()];
    await ctx.model.setWeight(scale, quant.scaleTensor);
    await ctx.model.setWeight(zeroPoint, quant.zeroPointTensor);
    // Before the first reader (consumers come in node order), so that the node list stays topologically sorted.
    const uses = index.consumers(tensor);
    const before = insertBefore(uses[0]?.node);
    await ctx.model.addNode({ opType: 'QuantizeLinear', name: qNode, inputs: [tensor, scale, zeroPoint], outputs: [quantized], ...before });
    await ctx.model.addNode({ opType: 'DequantizeLinear', name: dqNode, inputs: [quantized, scale, zeroPoint], outputs: [dequantized], ...before });
    for (const use of uses) rewrites.set(use.node, use.index, dequantized);
    activationNodes.set(tensor, [qNode, dqNode]);
    scaleOf.set(tensor, scale);
  }

  const layerNodes = new Map<string, string[]>();
  for (const [name, level] of plan.layers) {
    if (level === 'fp32') continue;
    const quant = artifacts.layers.get(name) as LayerQuant;
    layerNodes.set(name, await writeQdqLayer(ctx, names, rewrites, index.node(name) as NodeView, quant, level, scaleOf.get(quant.layer.input)));
  }
  await rewrites.apply(ctx);
  await ctx.model.removeUnused();
  return { activationNodes, layerNodes };
}
