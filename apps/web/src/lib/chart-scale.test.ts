import { niceDomain, niceStep, scaleLinear, tickDecimals } from './chart-scale';

describe('chart scales', () => {
  it('picks 1-2-2.5-5 steps', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(1, 4)).toBe(0.25);
    expect(niceStep(600_000, 5)).toBe(200_000);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('widens the domain to whole steps and lists the ticks', () => {
    expect(niceDomain([3, 97], 5)).toEqual({ domain: { min: 0, max: 100 }, ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceDomain([0.9999, 1], 4).ticks[0]).toBeLessThanOrEqual(0.9999);
    expect(niceDomain([-0.12, 0.03], 4, { includeZero: true }).ticks).toContain(0);
    expect(niceDomain([5, 5]).domain.min).toBeLessThan(5);
    expect(niceDomain([]).ticks.length).toBeGreaterThan(1);
  });

  it('tells neighbouring ticks apart with enough decimals', () => {
    const { ticks } = niceDomain([0.9999, 1], 4);
    const decimals = tickDecimals(ticks);
    expect(new Set(ticks.map((tick) => tick.toFixed(decimals))).size).toBe(ticks.length);
    expect(tickDecimals([0, 200_000])).toBe(0);
  });

  it('maps linearly, flipped for SVG y', () => {
    const y = scaleLinear({ min: 0, max: 10 }, 100, 0);
    expect(y(0)).toBe(100);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(75);
  });
});
