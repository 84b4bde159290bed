import type { StageContext } from '@edgepress/plugin-sdk';
import { isOnnxOp, readFloatWeight, type GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import type { ChannelStats } from './activation-stats';
import type { ChannelGroup } from './channel-groups';
import type { GroupReader } from './group-readers';

export type ImportanceCriterion = 'l1' | 'l2' | 'bn-gamma' | 'activation';

/** Scales a vector to mean 1 so that layers of different magnitude weigh the same. */
function normalized(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  const mean = out.reduce((sum, value) => sum + value, 0) / Math.max(1, out.length);
  if (mean > 0) for (let i = 0; i < out.length; i++) out[i] /= mean;
  return out;
}

function average(vectors: readonly Float64Array[], channels: number): Float64Array {
  const out = new Float64Array(channels);
  for (const vector of vectors) for (let c = 0; c < channels; c++) out[c] += vector[c] / vectors.length;
  return out;
}

/** |gamma| of the BatchNormalization nodes in the group (network slimming), one vector per node. */
async function batchNormScales(ctx: StageContext, index: GraphIndex, group: ChannelGroup): Promise<Float64Array[]> {
  const vectors: Float64Array[] = [];
  for (const edit of group.edits) {
    if (edit.input !== 1 || !isOnnxOp(edit.node, 'BatchNormalization')) continue;
    const gamma = index.weight(edit.node.inputs[1]);
    if (gamma !== undefined) vectors.push(normalized((await readFloatWeight(ctx, gamma)).values.map(Math.abs)));
  }
  return vectors;
}

export interface ActivationEvidence {
  readonly readers: readonly GroupReader[];
  readonly stats: ReadonlyMap<string, ChannelStats>;
  /** With bias compensation the mean of a removed channel is restored, so only its spread counts. */
  readonly compensated: boolean;
}

/**
 * What removing channel c costs the readers, as a relative error: for each reader, ||W[:, c]||_2
 * times the channel's standard deviation on calibration data (its RMS without compensation) is
 * the size of the error that appears at the reader's output; dividing by that output's own spread
 * (estimated as sqrt(sum over channels of ||W[:, c']||^2 var(c')), channels taken as independent)
 * makes the scores of different layers comparable, so a global ratio removes channels where the
 * relative damage is smallest. Summed over the group's readers.
 */
async function activationImportance(ctx: StageContext, group: ChannelGroup, evidence: ActivationEvidence): Promise<Float64Array> {
  const out = new Float64Array(group.channels);
  for (const reader of evidence.readers) {
    const stats = evidence.stats.get(reader.value);
    if (stats === undefined) continue;
    const norms = await ctx.kernels.channelImportance(reader.layer.weight.tensor, { axis: reader.layer.weightInAxis, norm: 'l2' });
    const spread = (j: number) => Math.max(0, evidence.compensated ? stats.meanSquare[j] - stats.mean[j] * stats.mean[j] : stats.meanSquare[j]);
    let outputSpread = 0;
    for (let j = 0; j < norms.length; j++) outputSpread += norms[j] * norms[j] * spread(j);
    if (outputSpread <= 0) continue;
    const scale = 1 / Math.sqrt(outputSpread);
    for (let c = 0; c < group.channels; c++) out[c] += norms[reader.offset + c] * Math.sqrt(spread(reader.offset + c)) * scale;
  }
  return out;
}

/**
 * One importance score per channel of a group, higher = keep.
 * - 'l1'/'l2': the norm of each channel's slice in every producer's weight (output channels) and
 *   every direct reader's weight (input channels), each normalized to mean 1, averaged.
 * - 'bn-gamma': |gamma| of the group's BatchNormalization nodes (network slimming); 'l1' without BN.
 * - 'activation': measured on calibration data (see activationImportance).
 */
export async function groupImportance(
  ctx: StageContext,
  index: GraphIndex,
  group: ChannelGroup,
  criterion: ImportanceCriterion,
  evidence?: ActivationEvidence,
): Promise<Float64Array> {
  if (criterion === 'activation' && evidence !== undefined) return activationImportance(ctx, group, evidence);
  if (criterion === 'bn-gamma') {
    const scales = await batchNormScales(ctx, index, group);
    if (scales.length > 0) return average(scales, group.channels);
  }
  const norm = criterion === 'l2' ? 'l2' : 'l1';
  const vectors: Float64Array[] = [];
  for (const layer of group.sources) {
    vectors.push(normalized(await ctx.kernels.channelImportance(layer.weight.tensor, { axis: layer.weightOutAxis, norm })));
  }
  for (const layer of group.sinks) {
    vectors.push(normalized(await ctx.kernels.channelImportance(layer.weight.tensor, { axis: layer.weightInAxis, norm })));
  }
  return average(vectors, group.channels);
}
