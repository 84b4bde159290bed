import { definePlugin, EdgepressError, ErrorCode, z, type StageContext } from '@edgepress/plugin-sdk';
import { GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import { analyzeChannelFlow } from './channel-flow';
import { readSmallConstants } from './small-constants';
import { groupName, resolveGroups } from './channel-groups';
import { channelStatistics } from './activation-stats';
import { biasCompensation } from './compensation';
import { groupReaders } from './group-readers';
import { groupImportance } from './importance';
import { applyPruning, keptChannels } from './rewrite';
import { selectChannels, type ScoredGroup } from './selection';

const params = z.object({
  ratio: z.number().min(0).max(0.95).default(0.25).describe('Fraction of output channels to remove (per group, or over all prunable channels with scope "global")'),
  scope: z.enum(['per-layer', 'global']).default('global').describe('Remove `ratio` of every group, or the globally least important `ratio` of all prunable channels'),
  layerRatios: z.record(z.string(), z.number().min(0).max(0.95)).default({}).describe('Per-layer ratios by producer node name (per-layer scope)'),
  criterion: z
    .enum(['auto', 'activation', 'l1', 'l2', 'bn-gamma'])
    .default('auto')
    .describe(
      'Channel importance: "activation" measures what removing a channel costs its readers on calibration data; "l1"/"l2" use weight norms of producers and readers; ' +
        '"bn-gamma" uses |gamma| of the BatchNormalization that follows; "auto" is "activation" when calibration data exists, else "l1"',
    ),
  biasCompensation: z.boolean().default(true).describe("Move each removed channel's mean contribution (from calibration data) into its readers' biases"),
  calibrationBatches: z.number().int().min(1).max(64).default(4).describe('Calibration batches used for activation statistics'),
  minChannels: z.number().int().min(1).default(8).describe('No layer keeps fewer channels than this'),
  roundTo: z.number().int().min(1).max(256).default(8).describe('Kept channel counts are multiples of this (8 suits AVX2/NEON kernels)'),
  include: z.array(z.string()).default([]).describe('Only prune layers with these node names (all when empty)'),
  exclude: z.array(z.string()).default([]).describe('Never prune layers with these node names'),
});

type Params = z.output<typeof params>;

function floatParameters(index: GraphIndex): number {
  return index.view.weights.filter((weight) => weight.dataType === 'float').reduce((sum, weight) => sum + weight.dims.reduce((a, b) => a * b, 1), 0);
}

async function run(ctx: StageContext, options: Params) {
  const index = new GraphIndex(await ctx.model.graph());
  const parametersBefore = floatParameters(index);
  if (index.view.nodes.some((node) => Object.values(node.attributes).some((attribute) => attribute.type === 'graph' || attribute.type === 'graphs'))) {
    return { summary: { groupsPruned: 0, channelsRemoved: 0 }, notes: ['The model has control-flow subgraphs, which may read any value: nothing was pruned'] };
  }
  for (const [list, field] of [[options.include, 'include'], [options.exclude, 'exclude'], [Object.keys(options.layerRatios), 'layerRatios']] as const) {
    const unknown = list.filter((name) => index.node(name) === undefined);
    if (unknown.length > 0) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected node names of the model in ${field} but ${unknown.slice(0, 5).map((name) => `'${name}'`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in it`, {
        details: { field },
      });
    }
  }
  const flow = analyzeChannelFlow(index, await readSmallConstants(ctx, index));
  const resolved = resolveGroups(flow);
  const notes = [...resolved.notes];
  const candidates = resolved.prunable.filter((group) => {
    const names = group.sources.map((layer) => layer.node.name);
    const excluded = names.find((name) => options.exclude.includes(name));
    if (excluded !== undefined) notes.push(`${groupName(group)} kept: ${excluded} is excluded`);
    const included = options.include.length === 0 || names.some((name) => options.include.includes(name));
    return excluded === undefined && included;
  });
  const calibrated = ctx.calibration.batches > 0;
  const criterion = options.criterion === 'auto' ? (calibrated ? 'activation' : 'l1') : options.criterion;
  if (criterion === 'activation' && !calibrated) notes.push('criterion "activation" needs calibration data; used "l1" instead');
  const compensate = options.biasCompensation && calibrated;
  const readers = new Map(candidates.map((group) => [group.root, groupReaders(flow, resolved, group.root)]));
  const stats =
    (criterion === 'activation' && calibrated) || compensate
      ? await channelStatistics(
          ctx,
          [...readers.values()].flat().map((reader) => ({ value: reader.value, axisFromEnd: flow.values.get(reader.value)!.axisFromEnd })),
          options.calibrationBatches,
        )
      : new Map();
  const scored: ScoredGroup[] = [];
  for (const group of candidates) {
    ctx.signal.throwIfAborted();
    const evidence = { readers: readers.get(group.root)!, stats, compensated: compensate };
    scored.push({ group, importance: await groupImportance(ctx, index, group, calibrated ? criterion : criterion === 'activation' ? 'l1' : criterion, evidence) });
  }
  ctx.progress(0.5, 'channel importance');
  const removed = selectChannels(scored, options);
  const kept = keptChannels(flow, resolved, removed);
  const compensation = compensate ? await biasCompensation(ctx, resolved, kept, stats) : { deltas: [], skipped: [] };
  notes.push(...compensation.skipped);
  await applyPruning(ctx, index, flow, resolved, kept, compensation.deltas);
  await removeOrphanWeights(ctx, index);
  await ctx.model.check();
  ctx.progress(1, 'pruned');

  const after = new GraphIndex(await ctx.model.graph());
  const parametersAfter = floatParameters(after);
  const summary: Record<string, number | string | boolean> = {
    groupsPruned: removed.size,
    groupsPrunable: resolved.prunable.length,
    channelsRemoved: [...removed.values()].reduce((sum, list) => sum + list.length, 0),
    channelsPrunable: candidates.reduce((sum, group) => sum + group.channels, 0),
    criterion: calibrated ? criterion : criterion === 'activation' ? 'l1' : criterion,
    biasCompensation: compensate,
    parametersBefore,
    parametersAfter,
  };
  for (const { group } of scored) {
    const count = removed.get(group.root)?.length ?? 0;
    summary[`pruned:${groupName(group)}`] = `${count}/${group.channels}`;
  }
  return { summary, notes };
}

/** Weights no node reads any more (originals replaced by per-reader copies). */
async function removeOrphanWeights(ctx: StageContext, before: GraphIndex): Promise<void> {
  const after = new GraphIndex(await ctx.model.graph());
  const orphans = before.view.weights.filter((weight) => !before.isUnread(weight.name) && after.isWeight(weight.name) && after.isUnread(weight.name));
  if (orphans.length > 0) await ctx.model.removeWeights(orphans.map((weight) => weight.name));
}

export default definePlugin({
  name: 'prune-channels',
  version: '0.1.0',
  kind: 'prune',
  description:
    'Structured pruning: removes the least important output channels of Conv/Gemm/MatMul layers (L1/L2 weight norms or BatchNormalization gamma), ' +
    'pruning channels tied by residual Adds, SE gates and depthwise layers together, and rewires every reader (BatchNormalization, ' +
    'depthwise and next layers, Concat offsets) so the model is really smaller and faster. Channels that reach graph outputs, ' +
    'Reshape/Transpose or unknown operators are left alone, with a note.',
  params,
  engines: '^1.0.0',
  run,
});
