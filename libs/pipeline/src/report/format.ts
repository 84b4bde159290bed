/** Number formatting shared by the HTML report and its charts. */

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(2)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

export function formatFraction(value: number | null | undefined, digits = 4): string {
  return value === null || value === undefined ? '-' : value.toFixed(digits);
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '-' : `${(value * 100).toFixed(digits)} %`;
}

export function formatSignedPercent(value: number | undefined, digits = 1): string {
  if (value === undefined) return '-';
  const points = value * 100;
  return `${points > 0 ? '+' : points < 0 ? '\u2212' : '\u00b1'}${Math.abs(points).toFixed(digits)} pt`;
}

export function formatDb(value: number | 'Infinity' | '-Infinity' | undefined): string {
  if (value === undefined) return '-';
  if (value === 'Infinity') return '\u221e dB';
  if (value === '-Infinity') return '\u2212\u221e dB';
  return `${value.toFixed(1)} dB`;
}

/** Round tick values covering [min, max] with about `count` steps of 1, 2 or 5 x 10^k. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}
