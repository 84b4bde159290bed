import { INT32_MAX } from './bias';
import { channelAbsSums, constantChannels, zeroChannels } from './dead-channels';

describe('constant output channels', () => {
  // [3 out, 2 in] on axis 0, and the same weights transposed ([2 in, 3 out], axis 1).
  const rows = Float32Array.of(0.5, -0.25, 1e-17, -2e-17, 0.1, 0.1);
  const columns = Float32Array.of(0.5, 1e-17, 0.1, -0.25, -2e-17, 0.1);

  it('sums |w| per output channel along either axis', () => {
    expect([...channelAbsSums(rows, { dims: [3, 2], axis: 0 })]).toEqual([0.75, Math.fround(1e-17) + Math.fround(2e-17), Math.fround(0.1) * 2]);
    expect([...channelAbsSums(columns, { dims: [2, 3], axis: 1 })]).toEqual([...channelAbsSums(rows, { dims: [3, 2], axis: 0 })]);
  });

  it('selects only channels whose bias saturates int32 AND whose weights stay under half an output step', () => {
    const sums = channelAbsSums(rows, { dims: [3, 2], axis: 0 });
    const scales = Float32Array.of(1e-3, 1e-20, 1e-12);
    // Channel 1: bias 0.3 at scale 1e-20 saturates, weights move the output by 3e-17 * 4 << 0.01.
    // Channel 2: bias 0.3 at scale 1e-12 saturates too, but its weights can move the output by 0.8.
    expect(0.3 / 1e-12).toBeGreaterThan(INT32_MAX);
    expect(constantChannels(sums, [0.3, 0.3, 0.3], scales, 4, 0.02)).toEqual([1]);
    expect(constantChannels(sums, [0.3, 0.3, 0.3], scales, 4, 2)).toEqual([1, 2]);
    expect(constantChannels(sums, [0.3, 0, 0.3], scales, 4, 2)).toEqual([2]);
  });

  it('zeroes exactly the chosen channels', () => {
    expect([...zeroChannels(rows, { dims: [3, 2], axis: 0 }, [1])]).toEqual([...rows.slice(0, 2), 0, 0, ...rows.slice(4)]);
    expect([...zeroChannels(columns, { dims: [2, 3], axis: 1 }, [1])]).toEqual([columns[0], 0, columns[2], columns[3], 0, columns[5]]);
  });
});
