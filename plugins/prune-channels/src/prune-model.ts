import { EdgepressError, ErrorCode, type StageContext, type StageResult } from '@edgepress/plugin-sdk';
import { GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import { channelStatistics, type ChannelStats } from './activation-stats';
import { channelCost, costValues } from './channel-cost';
import { analyzeChannelFlow } from './channel-flow';
import { groupName, resolveGroups } from './channel-groups';
import { biasCompensation } from './compensation';
import { groupReaders } from './group-readers';
import { groupImportance, type ImportanceCriterion } from './importance';
import type { Params } from './params';
import { applyPruning, keptChannels } from './rewrite';
import { selectChannels, type ScoredGroup } from './selection';
import { readSmallConstants } from './small-constants';

function floatParameters(index: GraphIndex): number {
  return index.view.weights.filter((weight) => weight.dataType === 'float').reduce((sum, weight) => sum + weight.dims.reduce((a, b) => a * b, 1), 0);
}

function effectiveCriterion(requested: Params['criterion'], calibrated: boolean, notes: string[]): ImportanceCriterion {
  if (requested === 'auto') return calibrated ? 'activation' : 'l1';
  if (requested === 'activation' && !calibrated) {
    notes.push('criterion "activation" needs calibration data; used "l1" instead');
    return 'l1';
  }
  return requested;
}

/**
 * The stage: analyze channel flow, score the prunable groups, choose the channels to remove,
 * rewrite every weight and reader, and report what was removed per layer and why other layers
 * were kept.
 */
export async function pruneChannels(ctx: StageContext, options: Params): Promise<StageResult> {
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
  const criterion = effectiveCriterion(options.criterion, calibrated, notes);
  const compensate = options.biasCompensation && calibrated;
  const readers = new Map(candidates.map((group) => [group.root, groupReaders(flow, resolved, group.root)]));
  const { stats, dims } = calibrated
    ? await channelStatistics(
        ctx,
        criterion === 'activation' || compensate
          ? [...readers.values()].flat().map((reader) => ({ value: reader.value, axisFromEnd: flow.values.get(reader.value)!.axisFromEnd }))
          : [],
        options.calibrationBatches,
        options.costWeight > 0 ? candidates.flatMap((group) => costValues(group, readers.get(group.root)!)) : [],
      )
    : { stats: new Map<string, ChannelStats>(), dims: new Map<string, readonly number[]>() };
  const scored: ScoredGroup[] = [];
  for (const group of candidates) {
    ctx.signal.throwIfAborted();
    const evidence = { readers: readers.get(group.root)!, stats, compensated: compensate };
    const cost = options.costWeight > 0 ? channelCost(group, readers.get(group.root)!, dims) : undefined;
    scored.push({ group, importance: await groupImportance(ctx, index, group, criterion, evidence), cost });
  }
  if (options.costWeight > 0 && options.scope === 'global' && scored.some((entry) => entry.cost === undefined)) {
    notes.push('costWeight needs calibration data (the layer sizes come from it): channels were ranked by importance alone');
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
    criterion,
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
