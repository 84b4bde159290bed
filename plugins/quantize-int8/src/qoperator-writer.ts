/**
 * Writes a static quantization plan in ONNX's QOperator format: what ONNX Runtime fuses a QDQ
 * group into when a session loads, written into the file.
 * - an int8 Conv becomes QLinearConv (int8 weight, its scales, zero points of 0, int32 bias whose
 *   implied scale is input_scale x weight_scale: no bias scale and no bias DequantizeLinear), an
 *   int8 MatMul becomes QLinearMatMul (its bias Add stays float, as in the QDQ form);
 * - the QLinear node reads and writes uint8 (or int8) activations: between two QLinear nodes with
 *   nothing float in between the value never exists in float;
 * - a QuantizeLinear is written where a float value feeds a QLinear node, a DequantizeLinear where a
 *   QLinear output feeds a float operator (writing the original value name, so float readers and
 *   graph outputs need no rewiring);
 * - a fused Relu/Clip is dropped when the output's quantized range already clamps to it (what
 *   ONNX Runtime's ReluQuantFusion/ClipQuantFusion check), otherwise the layer stays QDQ;
 * - everything the QOperator set has no standard operator for (ConvTranspose, Gemm, asymmetric
 *   int8 weights, a layer feeding a graph output, activation units) and weights-int8 layers are
 *   written exactly as by the QDQ writer, and read their activations through DequantizeLinear.
 * Numbers are those of the QDQ form, except that a float operator reading a value produced in
 * float reads it unquantized (the QDQ form gives it the quantized-dequantized value).
 */
import type { AttributeInput, GraphView, NodeView, StageContext, TensorHandle } from '@edgepress/plugin-sdk';
import { GraphIndex, isOnnxOp, type ValueUse } from '@edgepress/plugin-sdk/toolkit';
import { NameAllocator } from './name-allocator';
import { InputRewrites, insertBefore, quantizedActivations, writeFloatBias, writeQdqLayer, type StaticPlan, type WrittenPlan } from './qdq-writer';
import type { ActivationQuant, LayerQuant, StaticArtifacts } from './static-artifacts';

type QLinearOp = 'QLinearConv' | 'QLinearMatMul';

interface QLinearLayer {
  readonly op: QLinearOp;
  readonly quant: LayerQuant;
  readonly node: NodeView;
  /** The Relu/Clip between the layer and its quantized output, dropped with the layer's node. */
  readonly activation: NodeView | undefined;
}

async function scalarValue(ctx: StageContext, index: GraphIndex, name: string | undefined): Promise<number | undefined> {
  const weight = name === undefined || name === '' ? undefined : index.weight(name);
  if (weight === undefined) return undefined;
  return Number((await ctx.tensors.read(weight.tensor)).values[0]);
}

/** True when quantizing to `output` clamps exactly as the Relu/Clip does, so the QLinear node may drop it. */
async function clampIsImplied(ctx: StageContext, index: GraphIndex, activation: NodeView, output: ActivationQuant): Promise<boolean> {
  const [lowest, highest] = output.representable;
  if (isOnnxOp(activation, 'Relu')) return lowest >= 0;
  if (!isOnnxOp(activation, 'Clip')) return false;
  const attribute = (key: string) => {
    const value = activation.attributes[key];
    return value?.type === 'float' ? value.value : undefined;
  };
  const low = attribute('min') ?? (await scalarValue(ctx, index, activation.inputs[1])) ?? -Infinity;
  const high = attribute('max') ?? (await scalarValue(ctx, index, activation.inputs[2])) ?? Infinity;
  return lowest >= low && highest <= high;
}

/** The QLinear form of an int8 layer, or undefined when it is written in QDQ form. */
async function qlinearLayer(ctx: StageContext, index: GraphIndex, quant: LayerQuant, activations: ReadonlyMap<string, ActivationQuant>): Promise<QLinearLayer | undefined> {
  const layer = quant.layer;
  const op: QLinearOp | undefined = layer.opType === 'Conv' ? 'QLinearConv' : layer.opType === 'MatMul' ? 'QLinearMatMul' : undefined;
  const output = activations.get(layer.output);
  // QLinearConv/QLinearMatMul take int8 weights with zero points of 0 in ONNX Runtime.
  if (op === undefined || quant.zeroPoint !== undefined || output === undefined || !activations.has(layer.input) || index.isGraphOutput(layer.output)) return undefined;
  // A bias the QDQ writer keeps in float (shared, or not a weight) has no place in QLinearConv.
  if (op === 'QLinearConv' && layer.linear.biasInput !== '' && quant.int32Bias === undefined) return undefined;
  const node = layer.linear.node;
  const activation = layer.output === node.outputs[0] ? undefined : index.producer(layer.output);
  if (activation !== undefined && !(await clampIsImplied(ctx, index, activation, output))) return undefined;
  return { op, quant, node, activation };
}

/** Per-axis Conv attributes whose every entry equals this value are ONNX defaults. */
const CONV_DEFAULTS: Readonly<Record<string, number | string>> = { dilations: 1, strides: 1, pads: 0, group: 1, auto_pad: 'NOTSET' };

/**
 * The Conv's attributes for its QLinearConv, without those equal to the ONNX defaults and without
 * kernel_shape (QLinearConv infers it from the weight): each costs about 20 bytes a layer, which
 * counts on a small model.
 */
function qlinearConvAttributes(node: NodeView, weightDims: readonly number[]): Record<string, AttributeInput> {
  const attributes: Record<string, AttributeInput> = {};
  for (const [name, attribute] of Object.entries(node.attributes)) {
    const fallback = CONV_DEFAULTS[name];
    if (attribute.type === 'ints') {
      const implied = name === 'kernel_shape' ? weightDims.slice(2) : attribute.value.map(() => fallback);
      if (attribute.value.length !== implied.length || attribute.value.some((value, axis) => value !== implied[axis])) attributes[name] = attribute;
    } else if (attribute.type === 'int' || attribute.type === 'float' || attribute.type === 'floats') {
      if (attribute.value !== fallback) attributes[name] = attribute;
    } else if (attribute.type === 'string' && attribute.value !== fallback) {
      attributes[name] = attribute.value;
    }
  }
  return attributes;
}

/**
 * Where to insert new nodes so that the node list stays in topological order: before the first
 * surviving node that follows a value's producer (or a replaced layer).
 */
class Placement {
  private readonly position = new Map<string, number>();

  constructor(
    private readonly view: GraphView,
    private readonly removed: ReadonlySet<string>,
  ) {
    view.nodes.forEach((node, position) => this.position.set(node.name, position));
  }

  /** Inserts ahead of the first surviving node after all of `nodes`. */
  after(nodes: readonly NodeView[]): { readonly before?: string } {
    const start = Math.max(-1, ...nodes.map((node) => this.position.get(node.name) ?? -1)) + 1;
    return insertBefore(this.view.nodes.slice(start).find((node) => !this.removed.has(node.name)));
  }
}

/** Zero points of 0 for symmetric weights, shaped like their scales; one initializer per shape. */
class WeightZeroPoints {
  private readonly byLength = new Map<number, string>();

  constructor(
    private readonly ctx: StageContext,
    private readonly names: NameAllocator,
  ) {}

  async of(scales: Float32Array, perChannel: boolean): Promise<string> {
    const length = perChannel ? scales.length : 0;
    let name = this.byLength.get(length);
    if (name === undefined) {
      name = this.names.take();
      const tensor: TensorHandle = await this.ctx.tensors.write({ dataType: 'int8', dims: perChannel ? [length] : [], values: new Int8Array(Math.max(length, 1)) });
      await this.ctx.model.setWeight(name, tensor);
      this.byLength.set(length, name);
    }
    return name;
  }
}

/** The readers that must see a value through DequantizeLinear for ONNX Runtime to fuse the QDQ layers and units around it. */
class DequantizedReads {
  /** Values produced by a QDQ layer or unit: all their readers go through DequantizeLinear. */
  private readonly produced = new Set<string>();
  /** `node\ninput` of the QDQ layers' and units' quantized inputs. */
  private readonly reads = new Set<string>();

  constructor(index: GraphIndex, artifacts: StaticArtifacts, plan: StaticPlan, qlinear: ReadonlyMap<string, QLinearLayer>) {
    for (const [name, level] of plan.layers) {
      if (level !== 'int8' || qlinear.has(name)) continue;
      this.produced.add((artifacts.layers.get(name) as LayerQuant).layer.output);
      this.reads.add(`${name}\n0`);
    }
    for (const unit of artifacts.units) {
      if (!plan.units.has(unit.name)) continue;
      for (const output of unit.outputs) this.produced.add(output);
      (index.node(unit.name) as NodeView).inputs.forEach((input, position) => unit.inputs.includes(input) && this.reads.add(`${unit.name}\n${position}`));
    }
  }

  of(tensor: string, uses: readonly ValueUse[]): ValueUse[] {
    return this.produced.has(tensor) ? [...uses] : uses.filter((use) => this.reads.has(`${use.node.name}\n${use.index}`));
  }
}

interface ActivationNames {
  readonly scale: string;
  readonly zeroPoint: string;
  /** The 8-bit value. */
  readonly quantized: string;
}

/** Scale and zero point initializers of every quantized activation, shared by value (every Relu output has zero point 0). */
async function activationNames(ctx: StageContext, names: NameAllocator, tensors: Iterable<string>, activations: ReadonlyMap<string, ActivationQuant>): Promise<Map<string, ActivationNames>> {
  const byValue = new Map<string, string>();
  const shared = async (key: string, tensor: TensorHandle) => {
    let name = byValue.get(key);
    if (name === undefined) {
      name = names.take();
      await ctx.model.setWeight(name, tensor);
      byValue.set(key, name);
    }
    return name;
  };
  const result = new Map<string, ActivationNames>();
  for (const tensor of tensors) {
    const quant = activations.get(tensor);
    if (quant === undefined) continue;
    result.set(tensor, { scale: await shared(`scale ${quant.scale}`, quant.scaleTensor), zeroPoint: await shared(`zero point ${quant.zeroPoint}`, quant.zeroPointTensor), quantized: names.take() });
  }
  return result;
}

export async function writeQOperatorPlan(ctx: StageContext, view: GraphView, artifacts: StaticArtifacts, plan: StaticPlan): Promise<WrittenPlan & { readonly qoperatorLayers: number }> {
  const index = new GraphIndex(view);
  const names = new NameAllocator(view);
  const rewrites = new InputRewrites();

  const qlinear = new Map<string, QLinearLayer>();
  for (const [name, level] of plan.layers) {
    if (level !== 'int8') continue;
    const layer = await qlinearLayer(ctx, index, artifacts.layers.get(name) as LayerQuant, artifacts.activations);
    if (layer !== undefined) qlinear.set(name, layer);
  }
  const readsQuantized = (use: ValueUse) => use.index === 0 && qlinear.has(use.node.name);
  const producedQuantized = new Set([...qlinear.values()].map((layer) => layer.quant.layer.output));
  const dequantizedReads = new DequantizedReads(index, artifacts, plan, qlinear);
  const removed = new Set([...qlinear.values()].flatMap((layer) => [layer.node.name, ...(layer.activation === undefined ? [] : [layer.activation.name])]));
  const placement = new Placement(view, removed);
  const constants = await activationNames(ctx, names, quantizedActivations(index, artifacts, plan), artifacts.activations);
  const activationNodes = new Map<string, string[]>([...constants.keys()].map((tensor) => [tensor, []]));

  // Values produced in float: QuantizeLinear for the QLinear readers, DequantizeLinear for the QDQ ones.
  for (const [tensor, { scale, zeroPoint, quantized }] of constants) {
    if (producedQuantized.has(tensor)) continue;
    const dequantizedUses = dequantizedReads.of(tensor, index.consumers(tensor).filter((use) => !readsQuantized(use)));
    if (dequantizedUses.length === 0 && !index.consumers(tensor).some(readsQuantized)) continue;
    const producer = index.producer(tensor);
    const before = placement.after(producer === undefined ? [] : [producer]);
    const qNode = names.take();
    await ctx.model.addNode({ opType: 'QuantizeLinear', name: qNode, inputs: [tensor, scale, zeroPoint], outputs: [quantized], ...before });
    activationNodes.get(tensor)?.push(qNode);
    if (dequantizedUses.length === 0) continue;
    const [dequantized, dqNode] = [names.take(), names.take()];
    await ctx.model.addNode({ opType: 'DequantizeLinear', name: dqNode, inputs: [quantized, scale, zeroPoint], outputs: [dequantized], ...before });
    for (const use of dequantizedUses) rewrites.set(use.node, use.index, dequantized);
    activationNodes.get(tensor)?.push(dqNode);
  }

  // QLinear layers in node order, each followed by the DequantizeLinear its float readers need.
  const layerNodes = new Map<string, string[]>();
  const weightZeroPoints = new WeightZeroPoints(ctx, names);
  const order = new Map(view.nodes.map((node, position) => [node.name, position]));
  for (const layer of [...qlinear.values()].sort((a, b) => (order.get(a.node.name) ?? 0) - (order.get(b.node.name) ?? 0))) {
    const { quant, node } = layer;
    const [input, output] = [constants.get(quant.layer.input) as ActivationNames, constants.get(quant.layer.output) as ActivationNames];
    const before = placement.after(layer.activation === undefined ? [node] : [node, layer.activation]);
    const [weight, weightScale] = [names.take(), names.take()];
    await ctx.model.setWeight(weight, quant.quantized);
    await ctx.model.setWeight(weightScale, quant.scale);
    const inputs = [input.quantized, input.scale, input.zeroPoint, weight, weightScale, await weightZeroPoints.of(quant.scales, quant.axis !== undefined), output.scale, output.zeroPoint];
    if (layer.op === 'QLinearConv' && quant.int32Bias !== undefined) {
      const bias = names.take();
      await ctx.model.setWeight(bias, quant.int32Bias.tensor);
      inputs.push(bias);
    }
    await ctx.model.removeNodes(layer.activation === undefined ? [node.name] : [node.name, layer.activation.name]);
    const attributes = layer.op === 'QLinearConv' ? { attributes: qlinearConvAttributes(node, quant.layer.linear.weight.dims) } : {};
    await ctx.model.addNode({ opType: layer.op, name: node.name, inputs, outputs: [output.quantized], ...attributes, ...before });
    if (layer.op === 'QLinearMatMul') await writeFloatBias(ctx, names, rewrites, node, quant);
    layerNodes.set(node.name, []);
    if (index.consumers(quant.layer.output).some((use) => !readsQuantized(use))) {
      // Written under the original name: float readers need no rewiring.
      const dqNode = names.take();
      await ctx.model.addNode({ opType: 'DequantizeLinear', name: dqNode, inputs: [output.quantized, output.scale, output.zeroPoint], outputs: [quant.layer.output], ...before });
      activationNodes.get(quant.layer.output)?.push(dqNode);
    }
  }

  for (const [name, level] of plan.layers) {
    if (level === 'fp32' || qlinear.has(name)) continue;
    const quant = artifacts.layers.get(name) as LayerQuant;
    layerNodes.set(name, await writeQdqLayer(ctx, names, rewrites, index.node(name) as NodeView, quant, level, constants.get(quant.layer.input)?.scale));
  }
  await rewrites.apply(ctx);
  await ctx.model.removeUnused();
  return { activationNodes, layerNodes, qoperatorLayers: qlinear.size };
}
