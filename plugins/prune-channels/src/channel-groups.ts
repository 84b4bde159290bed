import type { LinearLayer } from '@edgepress/plugin-sdk/toolkit';
import { findRoot, type ChannelConcat, type ChannelFlow, type WeightEdit } from './channel-flow';

/**
 * Channel-coupling groups: the roots of the channel flow's union-find. A group is pruned as one
 * unit (every producer drops the same channels); a group made by a Concat is not pruned itself,
 * its kept channels follow from its segments.
 */
export interface ChannelGroup {
  readonly root: number;
  readonly channels: number;
  /** Layers producing these channels (each drops the pruned output channels). */
  readonly sources: LinearLayer[];
  /** Layers reading these channels directly (each drops the pruned input channels). */
  readonly sinks: LinearLayer[];
  readonly edits: WeightEdit[];
  readonly depthwise: LinearLayer[];
  /** The Concat whose output these channels are, for derived groups. */
  concat: ChannelConcat | undefined;
  readonly blockedBy: string[];
}

export interface ResolvedGroups {
  readonly groups: ReadonlyMap<number, ChannelGroup>;
  /** Groups that may be pruned: produced by layers, not blocked, not derived from a Concat. */
  readonly prunable: readonly ChannelGroup[];
  /** Why groups with producers were left alone. */
  readonly notes: readonly string[];
  root(space: number): number;
}

/** A readable name for a group: its first producer. */
export function groupName(group: ChannelGroup): string {
  return group.sources[0]?.node.name ?? group.concat?.node.name ?? `group ${group.root}`;
}

export function resolveGroups(flow: ChannelFlow): ResolvedGroups {
  const root = (space: number) => findRoot(flow.parent, space);
  const groups = new Map<number, ChannelGroup>();
  const group = (space: number): ChannelGroup => {
    const key = root(space);
    let found = groups.get(key);
    if (found === undefined) {
      found = { root: key, channels: flow.channels[key], sources: [], sinks: [], edits: [], depthwise: [], concat: undefined, blockedBy: [] };
      groups.set(key, found);
    }
    return found;
  };
  for (const { space, layer } of flow.sources) group(space).sources.push(layer);
  for (const { space, layer } of flow.sinks) group(space).sinks.push(layer);
  for (const edit of flow.edits) group(edit.space).edits.push(edit);
  for (const { space, layer } of flow.depthwise) group(space).depthwise.push(layer);
  for (const { space, reason } of flow.blocked) group(space).blockedBy.push(reason);
  for (const concat of flow.concats) {
    const derived = group(concat.space);
    if (derived.concat !== undefined) derived.blockedBy.push(`Concat ${concat.node.name} and ${derived.concat.node.name} both produce them`);
    derived.concat = concat;
    if (derived.sources.length > 0) derived.blockedBy.push(`Concat ${concat.node.name} output is joined with other channels`);
  }
  // A blocked Concat output pins every segment; repeat until nothing changes (nested Concats).
  for (let changed = true; changed; ) {
    changed = false;
    for (const concat of flow.concats) {
      if (group(concat.space).blockedBy.length === 0) continue;
      for (const segment of concat.segments) {
        const member = group(segment.space);
        if (member.blockedBy.length === 0) {
          member.blockedBy.push(`they feed Concat ${concat.node.name}, whose output cannot be pruned`);
          changed = true;
        }
      }
    }
  }
  const prunable: ChannelGroup[] = [];
  const notes: string[] = [];
  for (const candidate of groups.values()) {
    if (candidate.sources.length === 0) continue;
    if (candidate.blockedBy.length > 0) notes.push(`${groupName(candidate)} (${candidate.channels} channels) kept: ${candidate.blockedBy[0]}`);
    else if (candidate.concat === undefined) prunable.push(candidate);
  }
  return { groups, prunable, notes, root };
}
