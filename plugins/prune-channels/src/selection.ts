import type { ChannelGroup } from './channel-groups';

export interface SelectionOptions {
  /** Fraction of channels to remove, per group ('per-layer') or over all prunable channels ('global'). */
  readonly ratio: number;
  readonly scope: 'global' | 'per-layer';
  /** Per-group ratios by producer node name (per-layer scope), overriding `ratio`. */
  readonly layerRatios: Readonly<Record<string, number>>;
  /** No group keeps fewer channels than this (groups already smaller are left alone). */
  readonly minChannels: number;
  /** Kept channel counts are rounded to a multiple of this (SIMD-friendly widths). */
  readonly roundTo: number;
  /** Global scope: rank channels by importance / (relative MAC cost)^costWeight (0 = importance only). */
  readonly costWeight: number;
}

export interface ScoredGroup {
  readonly group: ChannelGroup;
  /** One score per channel, higher = more important, comparable across groups. */
  readonly importance: Float64Array;
  /** MACs one of its channels costs per inference, when known. */
  readonly cost?: number;
}

/** Cost factors relative to the channel-weighted mean cost; all 1 unless every group's cost is known. */
function costFactors(scored: readonly ScoredGroup[], weight: number): Map<number, number> {
  const factors = new Map(scored.map(({ group }) => [group.root, 1]));
  if (weight === 0 || scored.some((entry) => entry.cost === undefined || entry.cost <= 0)) return factors;
  const channels = scored.reduce((sum, { group }) => sum + group.channels, 0);
  const mean = scored.reduce((sum, { group, cost }) => sum + group.channels * cost!, 0) / channels;
  for (const { group, cost } of scored) factors.set(group.root, Math.pow(cost! / mean, weight));
  return factors;
}

/** The kept count for `wanted` kept channels, rounded to `roundTo` and held within [floor, channels]. */
export function roundedKeep(channels: number, wanted: number, options: Pick<SelectionOptions, 'minChannels' | 'roundTo'>): number {
  if (wanted >= channels) return channels;
  const floor = Math.min(channels, Math.max(options.minChannels, options.roundTo > 1 ? options.roundTo : 1));
  let keep = Math.round(wanted / options.roundTo) * options.roundTo;
  keep = Math.max(keep, floor);
  return Math.min(keep, channels);
}

/** Indices of the `count` least important channels, ascending by index. */
function leastImportant(importance: Float64Array, count: number): number[] {
  const order = Array.from(importance.keys()).sort((a, b) => importance[a] - importance[b] || a - b);
  return order.slice(0, count).sort((a, b) => a - b);
}

function ratioFor(group: ChannelGroup, options: SelectionOptions): number {
  for (const source of group.sources) {
    const ratio = options.layerRatios[source.node.name];
    if (ratio !== undefined) return ratio;
  }
  return options.ratio;
}

/**
 * Chooses the channels to remove from each group: the least important ones, `ratio` of each group
 * (per-layer) or the globally least important `ratio` of all prunable channels (global), then
 * rounded so that kept counts are multiples of `roundTo` and at least `minChannels`.
 */
export function selectChannels(scored: readonly ScoredGroup[], options: SelectionOptions): Map<number, number[]> {
  const removed = new Map<number, number[]>();
  const wantedKeep = new Map<number, number>();
  if (options.scope === 'per-layer') {
    for (const { group } of scored) wantedKeep.set(group.root, group.channels * (1 - ratioFor(group, options)));
  } else {
    const all: { root: number; score: number }[] = [];
    // Scores must be comparable across groups: weight norms are normalized per layer, activation
    // scores are relative errors at each reader (see importance.ts); costlier channels rank lower.
    const factors = costFactors(scored, options.costWeight);
    for (const { group, importance } of scored) importance.forEach((score) => all.push({ root: group.root, score: score / factors.get(group.root)! }));
    all.sort((a, b) => a.score - b.score);
    const target = Math.round(options.ratio * all.length);
    const taken = new Map<number, number>();
    const channels = new Map(scored.map(({ group }) => [group.root, group.channels]));
    let count = 0;
    for (const { root } of all) {
      if (count >= target) break;
      const already = taken.get(root) ?? 0;
      const total = channels.get(root)!;
      if (total - already <= Math.min(total, options.minChannels)) continue;
      taken.set(root, already + 1);
      count++;
    }
    for (const { group } of scored) wantedKeep.set(group.root, group.channels - (taken.get(group.root) ?? 0));
  }
  for (const { group, importance } of scored) {
    const wanted = wantedKeep.get(group.root)!;
    if (wanted >= group.channels) continue;
    const keep = roundedKeep(group.channels, wanted, options);
    if (keep < group.channels) removed.set(group.root, leastImportant(importance, group.channels - keep));
  }
  return removed;
}
