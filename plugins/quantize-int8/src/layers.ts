import type { GraphView, NodeView } from '@edgepress/plugin-sdk';
import { describeLinearLayer, elementCount, GraphIndex, isOnnxOp, layerFilter, type LinearLayer } from '@edgepress/plugin-sdk/toolkit';
import type { WeightOpType } from './params';

/** Where the bias of a layer lives, so that bias correction can move it. */
export type BiasSlot =
  /** Conv/ConvTranspose/Gemm bias input (absent inputs are added). */
  | { readonly kind: 'input' }
  /** MatMul followed by Add of a constant [N] vector: that constant. */
  | { readonly kind: 'add'; readonly node: string; readonly weight: string; readonly index: number }
  | { readonly kind: 'none'; readonly reason: string };

/** A layer with a constant float weight that this plugin can quantize. */
export interface WeightLayer {
  readonly name: string;
  readonly opType: WeightOpType;
  readonly linear: LinearLayer;
  /** The activation the layer reads (input 0). */
  readonly input: string;
  /**
   * The value quantized after the layer: its output, or the output of a Relu/Clip that alone
   * reads it (ONNX Runtime drops a Relu/Clip whose range the QuantizeLinear already enforces).
   */
  readonly output: string;
  /** Weight axis of per-channel scales; undefined when only a per-tensor scale fits the layer. */
  readonly channelAxis: number | undefined;
  /** Axis of the input that indexes the weight's input channels (for input means). */
  readonly inputChannelAxis: number;
  readonly weightCount: number;
  readonly bias: BiasSlot;
}

export interface LayerSelection {
  readonly layers: readonly WeightLayer[];
  /** Eligible op types that could not be quantized, with the reason. */
  readonly skipped: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
}

function fusedActivation(index: GraphIndex, output: string): NodeView | undefined {
  const use = index.soleConsumer(output);
  if (use === undefined || use.index !== 0) return undefined;
  const node = use.node;
  if (isOnnxOp(node, 'Relu')) return node;
  // Clip with constant bounds (attributes before opset 11, constant inputs after).
  if (isOnnxOp(node, 'Clip') && node.inputs.slice(1).every((input) => input === '' || index.isWeight(input))) return node;
  return undefined;
}

function biasSlot(index: GraphIndex, layer: LinearLayer): BiasSlot {
  if (layer.kind !== 'matmul') {
    if (layer.biasInput !== '' && (layer.bias === undefined || layer.bias.dataType !== 'float')) return { kind: 'none', reason: 'its bias is not a float weight' };
    if (layer.bias !== undefined && index.consumers(layer.bias.name).length !== 1) return { kind: 'none', reason: 'its bias is shared with other nodes' };
    if (layer.kind === 'gemm' && layer.bias !== undefined && elementCount(layer.bias.dims) !== layer.outChannels) return { kind: 'none', reason: 'its bias is not one value per output channel' };
    return { kind: 'input' };
  }
  const use = index.soleConsumer(layer.node.outputs[0]);
  if (use === undefined || !isOnnxOp(use.node, 'Add')) return { kind: 'none', reason: 'no Add of a constant follows the MatMul' };
  const other = 1 - use.index;
  const weight = index.weight(use.node.inputs[other] ?? '');
  if (weight === undefined || weight.dataType !== 'float' || elementCount(weight.dims) !== layer.outChannels || weight.dims[weight.dims.length - 1] !== layer.outChannels) {
    return { kind: 'none', reason: 'the Add after the MatMul does not add one constant per output channel' };
  }
  if (index.consumers(weight.name).length !== 1) return { kind: 'none', reason: 'its bias constant is shared with other nodes' };
  return { kind: 'add', node: use.node.name, weight: weight.name, index: other };
}

function channelAxis(layer: LinearLayer): number | undefined {
  // Grouped ConvTranspose: axis 1 holds Cout/group columns shared by every group, not output channels.
  if (layer.kind === 'conv-transpose' && layer.group !== 1) return undefined;
  return layer.weightOutAxis;
}

function inputChannelAxis(layer: LinearLayer): number {
  if (layer.kind === 'conv' || layer.kind === 'conv-transpose') return 1;
  return layer.transA ? 0 : -1;
}

/** Unsupported forms of an eligible layer, or undefined when it can be quantized. */
function rejection(index: GraphIndex, layer: LinearLayer): string | undefined {
  const node = layer.node;
  if (node.name === '') return 'the node has no name';
  if (index.isWeight(node.inputs[0] ?? '')) return 'its input is a constant (fold constants first)';
  const inputType = index.view.values.concat(index.view.inputs).find((value) => value.name === node.inputs[0])?.dataType;
  if (inputType !== undefined && inputType !== null && inputType !== 'float') return `its input is ${inputType}, not float`;
  if (layer.kind === 'gemm' && layer.transA) return 'Gemm with transA is not quantized';
  return undefined;
}

/** The layers of `view` to quantize: eligible op types with constant float weights, filtered by include/exclude. */
export function selectWeightLayers(view: GraphView, filter: { opTypes: readonly WeightOpType[]; include: readonly string[]; exclude: readonly string[] }): LayerSelection {
  const index = new GraphIndex(view);
  const accepts = layerFilter(view, filter);
  const layers: WeightLayer[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  for (const node of view.nodes) {
    if (!accepts(node)) continue;
    const linear = describeLinearLayer(index, node);
    if (linear === undefined) {
      skipped.push({ name: node.name, reason: 'its second input is not a constant float weight of static shape' });
      continue;
    }
    const reason = rejection(index, linear);
    if (reason !== undefined) {
      skipped.push({ name: node.name, reason });
      continue;
    }
    const activation = index.isGraphOutput(node.outputs[0]) ? undefined : fusedActivation(index, node.outputs[0]);
    layers.push({
      name: node.name,
      opType: node.opType as WeightOpType,
      linear,
      input: node.inputs[0],
      output: activation?.outputs[0] ?? node.outputs[0],
      channelAxis: channelAxis(linear),
      inputChannelAxis: inputChannelAxis(linear),
      weightCount: elementCount(linear.weight.dims),
      bias: biasSlot(index, linear),
    });
  }
  return { layers, skipped };
}
