/** Linear scales with "nice" round ticks for the console's SVG charts. Tests: chart-scale.test.ts. */

export interface Domain {
  min: number;
  max: number;
}

/** A step of 1, 2, 2.5 or 5 times a power of ten that splits `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** A domain widened to whole steps around the data, and its ticks. Equal values get some room. */
export function niceDomain(values: readonly number[], count = 5, options: { includeZero?: boolean } = {}): { domain: Domain; ticks: number[] } {
  const finite = values.filter(Number.isFinite);
  let min = finite.length ? Math.min(...finite) : 0;
  let max = finite.length ? Math.max(...finite) : 1;
  if (options.includeZero) {
    min = Math.min(min, 0);
    max = Math.max(max, 0);
  }
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, count);
  // Ticks are whole multiples of the step (k * step), so zero is exactly zero.
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k += 1) ticks.push(Number((k * step).toPrecision(12)));
  return { domain: { min: ticks[0], max: ticks[ticks.length - 1] }, ticks };
}

/** Maps a value of the domain onto [start, end] (end may be smaller: SVG y grows downwards). */
export function scaleLinear(domain: Domain, start: number, end: number): (value: number) => number {
  const span = domain.max - domain.min || 1;
  return (value) => start + ((value - domain.min) / span) * (end - start);
}

/** Decimals that tell neighbouring ticks apart (0.99990, 0.99995, 1.00000 need five). */
export function tickDecimals(ticks: readonly number[]): number {
  if (ticks.length < 2) return 0;
  const step = Math.abs(ticks[1] - ticks[0]);
  if (!(step > 0)) return 0;
  return Math.min(10, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}
