import type { GraphView, WeightView } from '@edgepress/plugin-sdk';
import { GraphIndex, layerFilter } from '@edgepress/plugin-sdk/toolkit';
import type { PruneMagnitudeParams } from './params';

const PRUNABLE_TYPES = new Set(['float', 'float16', 'bfloat16']);

export interface WeightSelection {
  /** Distinct weights (a weight read by several selected nodes appears once), in graph order. */
  readonly weights: readonly WeightView[];
  /** Selected nodes whose weight could not be pruned, with the reason. */
  readonly skipped: readonly string[];
}

/** The constant float weight (input 1) of every selected Conv/ConvTranspose/MatMul/Gemm node. */
export function selectWeights(view: GraphView, params: Pick<PruneMagnitudeParams, 'opTypes' | 'include' | 'exclude'>): WeightSelection {
  const index = new GraphIndex(view);
  const accept = layerFilter(view, params);
  const weights = new Map<string, WeightView>();
  const skipped: string[] = [];
  for (const node of view.nodes) {
    if (!accept(node)) continue;
    const weight = index.weight(node.inputs[1] ?? '');
    if (weight === undefined) continue;
    if (!PRUNABLE_TYPES.has(weight.dataType)) {
      skipped.push(`${node.name}: weight '${weight.name}' is ${weight.dataType}, not a float type`);
      continue;
    }
    if (weight.dims.reduce((a, b) => a * b, 1) === 0) continue;
    weights.set(weight.name, weight);
  }
  return { weights: [...weights.values()], skipped };
}
