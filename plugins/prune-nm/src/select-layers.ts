import type { GraphView, WeightView } from '@edgepress/plugin-sdk';
import { describeLinearLayer, GraphIndex, layerFilter } from '@edgepress/plugin-sdk/toolkit';
import type { PruneNmParams } from './params';

/** A weight to prune and the axis its groups run along (the reduction axis of its layer). */
export interface NmLayer {
  readonly weight: WeightView;
  readonly axis: number;
  readonly nodes: readonly string[];
}

/**
 * Groups run along the input channels, the reduction axis of the layer, as NVIDIA's sparse tensor
 * cores require (cuSPARSELt and TensorRT: in each row of the weight as the GEMM reads it, every
 * aligned group of 4 consecutive reduction elements holds at most 2 non-zeros; for a Conv
 * [Cout, Cin, kh, kw] that is, for each output channel and kernel position, every 4 consecutive
 * input channels): Conv axis 1, MatMul [K, N] axis 0, Gemm axis 0 ([K, N]) or 1 (transB, [N, K]).
 */
export function selectLayers(view: GraphView, params: Pick<PruneNmParams, 'm' | 'opTypes' | 'include' | 'exclude'>): { layers: NmLayer[]; skipped: string[] } {
  const index = new GraphIndex(view);
  const accept = layerFilter(view, params);
  const layers = new Map<string, { weight: WeightView; axis: number; nodes: string[] }>();
  const skipped: string[] = [];
  for (const node of view.nodes) {
    if (!accept(node)) continue;
    const layer = describeLinearLayer(index, node);
    if (layer === undefined) {
      if (index.isWeight(node.inputs[1] ?? '')) skipped.push(`${node.name}: its weight is not a constant float tensor of the expected rank`);
      continue;
    }
    const axis = layer.weightInAxis;
    const length = layer.weight.dims[axis] as number;
    if (length % params.m !== 0) {
      skipped.push(`${node.name}: ${length} input channels per group (weight axis ${axis}) are not a multiple of m = ${params.m}`);
      continue;
    }
    const known = layers.get(layer.weight.name);
    if (known === undefined) layers.set(layer.weight.name, { weight: layer.weight, axis, nodes: [node.name] });
    else if (known.axis === axis) known.nodes.push(node.name);
    else skipped.push(`${node.name}: shares weight '${layer.weight.name}' with ${known.nodes[0]}, which reduces along another axis`);
  }
  return { layers: [...layers.values()], skipped };
}
