import type { GraphView, NodeView, WeightView } from '@edgepress/plugin-sdk';
import { describeLinearLayer, GraphIndex, layerFilter } from '@edgepress/plugin-sdk/toolkit';
import type { QuantizeInt4Params } from './params';

/** A MatMul whose B is a constant float [K, N] weight, eligible for 4-bit blocks. */
export interface Int4Layer {
  readonly node: NodeView;
  readonly weight: WeightView;
  readonly k: number;
  readonly n: number;
  /** Rows of A per run (the product of its leading dims) when the shape is static. */
  readonly rows: number | undefined;
}

export interface Int4Selection {
  readonly layers: readonly Int4Layer[];
  readonly skipped: readonly string[];
}

function staticRows(shape: ReadonlyArray<number | string | null> | undefined): number | undefined {
  if (shape === undefined || shape.length < 2) return undefined;
  let rows = 1;
  for (const dim of shape.slice(0, -1)) {
    if (typeof dim !== 'number') return undefined;
    rows *= dim;
  }
  return rows;
}

/** MatMuls by a constant 2-D float weight with K >= blockSize, after the include/exclude lists. */
export function selectMatMuls(view: GraphView, params: Pick<QuantizeInt4Params, 'blockSize' | 'include' | 'exclude'>): Int4Selection {
  const index = new GraphIndex(view);
  const accept = layerFilter(view, { opTypes: ['MatMul'], include: params.include, exclude: params.exclude });
  const layers: Int4Layer[] = [];
  const skipped: string[] = [];
  for (const node of view.nodes) {
    if (!accept(node)) continue;
    const layer = describeLinearLayer(index, node);
    if (layer === undefined || layer.kind !== 'matmul') {
      if (index.isWeight(node.inputs[1] ?? '')) skipped.push(`${node.name}: B is not a float 2-D weight`);
      continue;
    }
    const [k, n] = layer.weight.dims as [number, number];
    if (k < params.blockSize) {
      skipped.push(`${node.name}: K = ${k} is smaller than the block size ${params.blockSize}`);
      continue;
    }
    layers.push({ node, weight: layer.weight, k, n, rows: staticRows(index.shape(node.inputs[0] ?? '')) });
  }
  return { layers, skipped };
}
