import type { LinearLayer } from '@edgepress/plugin-sdk/toolkit';
import type { ChannelFlow } from './channel-flow';
import type { ResolvedGroups } from './channel-groups';

/**
 * A layer that reads a group's channels, directly or through Concats: channel c of the group is
 * input channel `offset + c` of `layer`, which reads the value `value`.
 */
export interface GroupReader {
  readonly layer: LinearLayer;
  readonly value: string;
  readonly offset: number;
}

/** Every reader of the group rooted at `root`, following Concat outputs (nested ones too). */
export function groupReaders(flow: ChannelFlow, resolved: ResolvedGroups, root: number): GroupReader[] {
  const readers: GroupReader[] = [];
  const visit = (current: number, offset: number, depth: number) => {
    const group = resolved.groups.get(current);
    if (group === undefined || depth > flow.concats.length) return;
    for (const layer of group.sinks) readers.push({ layer, value: layer.node.inputs[0], offset });
    for (const concat of flow.concats) {
      for (const segment of concat.segments) {
        if (resolved.root(segment.space) === current) visit(resolved.root(concat.space), offset + segment.offset, depth + 1);
      }
    }
  };
  visit(root, 0, 0);
  return readers;
}
