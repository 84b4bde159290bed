import type { LinearLayer } from '@edgepress/plugin-sdk/toolkit';
import { channelCost, costValues } from './channel-cost';
import type { ChannelGroup } from './channel-groups';

const conv = (name: string, dims: number[], group = 1): LinearLayer =>
  ({ node: { name, outputs: [`${name}_out`], attributes: {} }, kind: 'conv', weight: { dims }, group, inChannels: dims[1] * group, outChannels: dims[0] }) as unknown as LinearLayer;

describe('channelCost', () => {
  it('adds the per-channel MACs of producers, readers and depthwise layers', () => {
    const source = conv('src', [8, 3, 3, 3]);
    const reader = conv('reader', [4, 8, 1, 1]);
    const depthwise = conv('dw', [8, 1, 3, 3], 8);
    const group = { sources: [source], depthwise: [depthwise] } as unknown as ChannelGroup;
    const readers = [{ layer: reader, value: 'x', offset: 0 }];
    const dims = new Map([
      ['src_out', [1, 8, 10, 10]],
      ['reader_out', [1, 4, 10, 10]],
      ['dw_out', [1, 8, 5, 5]],
    ]);
    expect(costValues(group, readers)).toEqual(['src_out', 'reader_out', 'dw_out']);
    expect(channelCost(group, readers, dims)).toBe(3 * 9 * 100 + 4 * 100 + 9 * 25);
    dims.delete('dw_out');
    expect(channelCost(group, readers, dims)).toBeUndefined();
  });
});
