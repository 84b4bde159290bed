import { formatBytes, formatCount, formatDuration, formatMj, formatMs, formatPercent, formatPointDelta, formatShape, formatSi, humanize } from './format';

describe('format', () => {
  it('bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.00 KiB');
    expect(formatBytes(578_966)).toBe('565 KiB');
    expect(formatBytes(4 * 1024 ** 3)).toBe('4.00 GiB');
    expect(formatBytes(null)).toBe('–');
  });

  it('rates and counts with SI prefixes, trailing zeros dropped', () => {
    expect(formatSi(24e9, 'MAC/s')).toBe('24 GMAC/s');
    expect(formatSi(3.2e9, 'Hz')).toBe('3.2 GHz');
    expect(formatSi(12.8e9, 'B/s')).toBe('12.8 GB/s');
    expect(formatSi(0.5)).toBe('0.5');
    expect(formatCount(9999)).toBe('9,999');
    expect(formatCount(123_456)).toBe('123 k');
  });

  it('times, energy, fractions and deltas', () => {
    expect(formatMs(0.075)).toBe('75 µs');
    expect(formatMs(3.456)).toBe('3.46 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatDuration(61_000)).toBe('1 min 1 s');
    expect(formatDuration(400)).toBe('1 s');
    expect(formatMj(0.5)).toBe('500.0 µJ');
    expect(formatMj(20.5)).toBe('20.50 mJ');
    expect(formatPercent(0.9512)).toBe('95.1 %');
    expect(formatPointDelta(-0.012)).toBe('−1.2 pt');
    expect(formatPointDelta(0)).toBe('±0.0 pt');
  });

  it('shapes and names', () => {
    expect(formatShape([{ size: null, symbol: 'batch' }, { size: 3, symbol: null }, { size: null, symbol: null }])).toBe('[batch, 3, ?]');
    expect(formatShape(null)).toBe('unknown rank');
    expect(humanize('calibrationBatches')).toBe('Calibration batches');
    expect(humanize('per-layer')).toBe('Per layer');
  });
});
