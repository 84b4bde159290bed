import type { NodeView, StageContext } from '@edgepress/plugin-sdk';
import { floatAttribute, keptIndices, readFloatWeight, type LinearLayer } from '@edgepress/plugin-sdk/toolkit';
import type { ChannelStats } from './activation-stats';
import type { ResolvedGroups } from './channel-groups';

/**
 * Bias compensation: a removed input channel stops contributing W[o, c] * x_c to a reader's
 * output. Its mean contribution, W[o, c] summed over the kernel times the channel's calibration
 * mean, moves into the reader's bias, so only the channel's variation is lost. Exact for 1x1
 * convolutions and Gemm; for larger kernels it ignores the zero padding at the borders; for
 * ConvTranspose it spreads the taps evenly over the outputs (an approximation).
 */
export interface BiasDelta {
  readonly node: NodeView;
  /** Added to the bias, one value per output channel of the unpruned layer. */
  readonly delta: Float64Array;
}

async function readerDelta(ctx: StageContext, layer: LinearLayer, removed: readonly number[], mean: Float64Array): Promise<Float64Array | undefined> {
  const weight = await readFloatWeight(ctx, layer.weight);
  const dims = weight.dims;
  const w = weight.values;
  const delta = new Float64Array(layer.outChannels);
  switch (layer.kind) {
    case 'conv': {
      const inner = dims.slice(2).reduce((a, b) => a * b, 1);
      for (let o = 0; o < dims[0]; o++) {
        for (const c of removed) {
          let sum = 0;
          for (let k = 0; k < inner; k++) sum += w[(o * dims[1] + c) * inner + k];
          delta[o] += sum * mean[c];
        }
      }
      return delta;
    }
    case 'conv-transpose': {
      const taps = dims.slice(2).reduce((a, b) => a * b, 1);
      const strides = layer.node.attributes.strides;
      const stride = strides?.type === 'ints' ? strides.value.reduce((a, b) => a * b, 1) : 1;
      for (const c of removed) {
        for (let o = 0; o < dims[1]; o++) {
          let sum = 0;
          for (let k = 0; k < taps; k++) sum += w[(c * dims[1] + o) * taps + k];
          delta[o] += (sum / Math.max(stride, 1)) * mean[c];
        }
      }
      return delta;
    }
    case 'gemm': {
      const alpha = floatAttribute(layer.node, 'alpha', 1);
      const beta = floatAttribute(layer.node, 'beta', 1);
      if (beta === 0) return undefined;
      const transB = layer.weightOutAxis === 0;
      for (const c of removed) {
        for (let o = 0; o < layer.outChannels; o++) delta[o] += ((alpha * (transB ? w[o * dims[1] + c] : w[c * dims[1] + o])) / beta) * mean[c];
      }
      return delta;
    }
    default:
      return undefined;
  }
}

/**
 * Bias deltas for every reader whose input channels change (readers of pruned groups and of
 * Concats built from them). Readers without statistics or a bias form (MatMul) are skipped.
 */
export async function biasCompensation(
  ctx: StageContext,
  resolved: ResolvedGroups,
  kept: ReadonlyMap<number, readonly number[]>,
  stats: ReadonlyMap<string, ChannelStats>,
): Promise<{ deltas: BiasDelta[]; skipped: string[] }> {
  const deltas: BiasDelta[] = [];
  const skipped: string[] = [];
  for (const [root, keep] of kept) {
    const group = resolved.groups.get(root)!;
    const keepSet = new Set(keep);
    const removed = keptIndices(group.channels, []).filter((c) => !keepSet.has(c));
    for (const layer of group.sinks) {
      const channelStats = stats.get(layer.node.inputs[0]);
      const delta = channelStats === undefined ? undefined : await readerDelta(ctx, layer, removed, channelStats.mean);
      if (delta === undefined) skipped.push(`${layer.node.name}: no bias compensation (${channelStats === undefined ? 'no statistics' : `${layer.node.opType} has no bias to adjust`})`);
      else deltas.push({ node: layer.node, delta });
    }
  }
  return { deltas, skipped };
}
