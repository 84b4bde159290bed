import type { NodeView } from '@edgepress/plugin-sdk';
import { intsAttribute, type LinearLayer } from '@edgepress/plugin-sdk/toolkit';
import type { ChannelGroup } from './channel-groups';
import type { GroupReader } from './group-readers';

/**
 * What one channel of a group costs per inference, in multiply-accumulates: its share of every
 * producer, every reader and every depthwise layer it passes, from the output dimensions captured
 * on calibration data. Used to favour removing channels where they cost the most (a channel of a
 * 160x160 layer costs 64 times one of a 20x20 layer).
 */

const product = (values: readonly number[]) => values.reduce((a, b) => a * b, 1);

/** Values whose dimensions the cost needs: outputs of the producers, readers and depthwise layers. */
export function costValues(group: ChannelGroup, readers: readonly GroupReader[]): string[] {
  return [...group.sources, ...readers.map((reader) => reader.layer), ...group.depthwise].map((layer) => layer.node.outputs[0]);
}

/** MACs per channel of `layer` on its output side (a producer) or input side (a reader). */
function layerShare(layer: LinearLayer, side: 'output' | 'input', outputDims: readonly number[]): number {
  const dims = layer.weight.dims;
  if (layer.kind === 'gemm' || layer.kind === 'matmul') return (side === 'output' ? layer.inChannels : layer.outChannels) * product(outputDims.slice(0, -1));
  const kernel = product(dims.slice(2));
  const positions = product(outputDims.slice(2));
  if (layer.kind === 'conv') return (side === 'output' ? dims[1] : dims[0] / layer.group) * kernel * positions;
  // ConvTranspose: every input position feeds `kernel` outputs; input positions = outputs / strides.
  const strides = product(intsAttribute(layer.node, 'strides') ?? [1]);
  return (side === 'output' ? dims[0] / layer.group : dims[1]) * kernel * (positions / strides);
}

export function channelCost(group: ChannelGroup, readers: readonly GroupReader[], dims: ReadonlyMap<string, readonly number[]>): number | undefined {
  const outputOf = (node: NodeView) => dims.get(node.outputs[0]);
  let cost = 0;
  for (const layer of group.sources) {
    const out = outputOf(layer.node);
    if (out === undefined) return undefined;
    cost += layerShare(layer, 'output', out);
  }
  for (const reader of readers) {
    const out = outputOf(reader.layer.node);
    if (out === undefined) return undefined;
    cost += layerShare(reader.layer, 'input', out);
  }
  for (const layer of group.depthwise) {
    const out = outputOf(layer.node);
    if (out === undefined) return undefined;
    cost += product(layer.weight.dims.slice(2)) * product(out.slice(2));
  }
  return cost;
}
