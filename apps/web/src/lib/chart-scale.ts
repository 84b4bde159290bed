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
  const low = Math.floor(min / step + 1e-9) * step;
  const high = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = low; tick <= high + step / 2; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return { domain: { min: low, max: high }, ticks };
}

/** Maps a value of the domain onto [start, end] (end may be smaller: SVG y grows downwards). */
export function scaleLinear(domain: Domain, start: number, end: number): (value: number) => number {
  const span = domain.max - domain.min || 1;
  return (value) => start + ((value - domain.min) / span) * (end - start);
}
