/**
 * Dynamic quantization of MatMul/Gemm by a constant weight:
 *   x -> DynamicQuantizeLinear -> (x_q uint8, x_scale, x_zero_point)     (shared by every layer reading x)
 *   MatMulInteger(x_q, W_q int8 [K, N], x_zero_point) -> int32 -> Cast(float) -> Mul(x_scale * w_scale[N]) (+ bias)
 * which is the pattern ONNX Runtime fuses into one DynamicQuantizeMatMul at optimization level
 * 'extended' and above, while every node stays a standard ONNX operator (opset 11). Weight scales
 * are per output column (MatMulInteger's b_zero_point may be per column; symmetric weights omit it).
 */
import type { GraphView, NodeView, StageContext, TensorHandle } from '@edgepress/plugin-sdk';
import { GraphIndex, floatAttribute, intAttribute } from '@edgepress/plugin-sdk/toolkit';
import { NameAllocator } from './name-allocator';
import type { LayerLevel } from './qdq-writer';
import type { QuantizedLayerWeight } from './weight-artifacts';

/** A MatMul/Gemm weight in MatMulInteger's layout, as host tensors. */
export interface DynamicLayer {
  readonly weight: QuantizedLayerWeight;
  /** int8 [K, N]. */
  readonly matrix: TensorHandle;
  /** float [N] or [] (alpha of Gemm folded in). */
  readonly scale: TensorHandle;
  /** int8 [N] or [], only for asymmetric weights. */
  readonly zeroPoint?: TensorHandle;
  /** Gemm: float bias [N] (beta and bias correction folded in), added after the scaling. */
  readonly bias?: TensorHandle;
  /** MatMul followed by Add of a constant: that constant, bias-corrected. */
  readonly addBias?: TensorHandle;
}

function transpose(values: Int8Array, rows: number, columns: number): Int8Array {
  const out = new Int8Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c];
  return out;
}

/** Brings a quantized MatMul/Gemm weight into MatMulInteger's [K, N] layout with Gemm's alpha and beta folded in. */
export async function prepareDynamicLayer(ctx: StageContext, weight: QuantizedLayerWeight): Promise<DynamicLayer> {
  const linear = weight.layer.linear;
  const node = linear.node;
  const transB = linear.kind === 'gemm' && intAttribute(node, 'transB', 0) !== 0;
  let matrix = weight.quantized;
  const zeroPoint = weight.zeroPoint;
  if (transB) {
    const [rows, columns] = linear.weight.dims;
    const data = (await ctx.tensors.read(weight.quantized)).values as Int8Array;
    matrix = await ctx.tensors.write({ dataType: 'int8', dims: [columns, rows], values: transpose(data, rows, columns) });
  }
  const alpha = linear.kind === 'gemm' ? floatAttribute(node, 'alpha', 1) : 1;
  const scale = alpha === 1 ? weight.scale : await ctx.tensors.write({ dataType: 'float', dims: weight.axis === undefined ? [] : [weight.scales.length], values: weight.scales.map((value) => value * alpha) });
  let bias: TensorHandle | undefined;
  if (linear.kind === 'gemm' && weight.bias !== undefined) {
    const beta = floatAttribute(node, 'beta', 1);
    bias = await ctx.tensors.write({ dataType: 'float', dims: [weight.bias.length], values: Float32Array.from(weight.bias, (value) => value * beta) });
  }
  let addBias: TensorHandle | undefined;
  if (linear.kind === 'matmul' && weight.bias !== undefined && weight.correction > 0) {
    addBias = await ctx.tensors.write({ dataType: 'float', dims: weight.biasDims, values: Float32Array.from(weight.bias) });
  }
  return { weight, matrix, scale, ...(zeroPoint === undefined ? {} : { zeroPoint }), ...(bias === undefined ? {} : { bias }), ...(addBias === undefined ? {} : { addBias }) };
}

export interface WrittenDynamicPlan {
  /** Nodes each layer owns, and the DynamicQuantizeLinear it shares. */
  readonly layerNodes: ReadonlyMap<string, { readonly own: readonly string[]; readonly quantizer: string }>;
}

export async function writeDynamicPlan(ctx: StageContext, view: GraphView, layers: ReadonlyMap<string, DynamicLayer>, levels: ReadonlyMap<string, LayerLevel>): Promise<WrittenDynamicPlan> {
  const index = new GraphIndex(view);
  const names = new NameAllocator(view);
  const quantizers = new Map<string, { outputs: readonly [string, string, string]; node: string }>();
  const layerNodes = new Map<string, { own: string[]; quantizer: string }>();
  for (const [name, level] of levels) {
    if (level !== 'int8') continue;
    const layer = layers.get(name) as DynamicLayer;
    const node = index.node(name) as NodeView;
    const input = node.inputs[0];
    let quantizer = quantizers.get(input);
    if (quantizer === undefined) {
      quantizer = { outputs: [names.take(), names.take(), names.take()], node: names.take() };
      await ctx.model.addNode({ opType: 'DynamicQuantizeLinear', name: quantizer.node, inputs: [input], outputs: [...quantizer.outputs] });
      quantizers.set(input, quantizer);
    }
    const [xq, xScale, xZero] = quantizer.outputs;
    const [matrix, scale, integer, float, combined, scaled] = [names.take(), names.take(), names.take(), names.take(), names.take(), names.take()];
    await ctx.model.setWeight(matrix, layer.matrix);
    await ctx.model.setWeight(scale, layer.scale);
    const integerInputs = [xq, matrix, xZero];
    if (layer.zeroPoint !== undefined) {
      const zeroPoint = names.take();
      await ctx.model.setWeight(zeroPoint, layer.zeroPoint);
      integerInputs.push(zeroPoint);
    }
    const output = node.outputs[0];
    await ctx.model.removeNodes([name]);
    const [castNode, scaleNode, mulNode] = [names.take(), names.take(), names.take()];
    // The MatMulInteger takes the layer's name, so that profiles and logs still point at the layer.
    await ctx.model.addNode({ opType: 'MatMulInteger', name, inputs: integerInputs, outputs: [integer] });
    await ctx.model.addNode({ opType: 'Cast', name: castNode, inputs: [integer], outputs: [float], attributes: { to: { type: 'int', value: 1 } } });
    await ctx.model.addNode({ opType: 'Mul', name: scaleNode, inputs: [xScale, scale], outputs: [combined] });
    const own = [name, castNode, scaleNode, mulNode];
    if (layer.bias === undefined) {
      await ctx.model.addNode({ opType: 'Mul', name: mulNode, inputs: [float, combined], outputs: [output] });
    } else {
      const [bias, addNode] = [names.take(), names.take()];
      await ctx.model.setWeight(bias, layer.bias);
      await ctx.model.addNode({ opType: 'Mul', name: mulNode, inputs: [float, combined], outputs: [scaled] });
      await ctx.model.addNode({ opType: 'Add', name: addNode, inputs: [scaled, bias], outputs: [output] });
      own.push(addNode);
    }
    const slot = layer.weight.layer.bias;
    if (layer.addBias !== undefined && slot.kind === 'add') await ctx.model.setWeight(slot.weight, layer.addBias);
    layerNodes.set(name, { own, quantizer: quantizer.node });
  }
  await ctx.model.removeUnused();
  return { layerNodes };
}
