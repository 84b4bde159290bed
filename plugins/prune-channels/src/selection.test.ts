import type { ChannelGroup } from './channel-groups';
import { roundedKeep, selectChannels, type ScoredGroup, type SelectionOptions } from './selection';

const group = (root: number, channels: number, name = `g${root}`): ChannelGroup =>
  ({ root, channels, sources: [{ node: { name } }], sinks: [], edits: [], depthwise: [], concat: undefined, blockedBy: [] }) as unknown as ChannelGroup;
const options: SelectionOptions = { ratio: 0.5, scope: 'per-layer', layerRatios: {}, minChannels: 1, roundTo: 1, costWeight: 0 };

describe('selectChannels', () => {
  it('per layer: the least important channels of each group, ascending', () => {
    const scored: ScoredGroup[] = [{ group: group(0, 4), importance: Float64Array.of(3, 1, 4, 2) }];
    expect(selectChannels(scored, options).get(0)).toEqual([1, 3]);
  });

  it('global: the least important channels overall, within each group floor', () => {
    const scored: ScoredGroup[] = [
      { group: group(0, 4), importance: Float64Array.of(0.1, 0.2, 5, 6) },
      { group: group(1, 4), importance: Float64Array.of(0.3, 7, 8, 9) },
    ];
    expect([...selectChannels(scored, { ...options, scope: 'global', ratio: 0.375 })]).toEqual([[0, [0, 1]], [1, [0]]]);
    expect([...selectChannels(scored, { ...options, scope: 'global', ratio: 0.375, minChannels: 3 })]).toEqual([[0, [0]], [1, [0]]]);
  });

  it('global with costWeight: costlier channels rank lower', () => {
    const scored: ScoredGroup[] = [
      { group: group(0, 2), importance: Float64Array.of(1, 9), cost: 100 },
      { group: group(1, 2), importance: Float64Array.of(0.5, 9), cost: 1 },
    ];
    expect([...selectChannels(scored, { ...options, scope: 'global', ratio: 0.25 })]).toEqual([[1, [0]]]);
    expect([...selectChannels(scored, { ...options, scope: 'global', ratio: 0.25, costWeight: 1 })]).toEqual([[0, [0]]]);
  });

  it('roundedKeep rounds kept counts to roundTo within [floor, channels]', () => {
    expect(roundedKeep(88, 66, { minChannels: 8, roundTo: 8 })).toBe(64);
    expect(roundedKeep(22, 16.5, { minChannels: 8, roundTo: 8 })).toBe(16);
    expect(roundedKeep(10, 2, { minChannels: 8, roundTo: 8 })).toBe(8);
    expect(roundedKeep(6, 2, { minChannels: 8, roundTo: 8 })).toBe(6);
    expect(roundedKeep(24, 24, { minChannels: 8, roundTo: 8 })).toBe(24);
  });
});
