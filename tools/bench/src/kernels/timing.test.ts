import { Worker } from 'node:worker_threads';
import { quiesce, timeSides } from './timing';

describe('timeSides', () => {
  it('alternates blocks of the sides, flipping the order every round, and reports medians', async () => {
    const calls: string[] = [];
    const side = (impl: string, ms: number) => ({
      impl,
      run: async () => {
        calls.push(impl);
        const until = performance.now() + ms;
        while (performance.now() < until);
      },
    });
    const [a, b] = await timeSides([side('a', 1), side('b', 3)], { targetMs: 3, rounds: 3, minRuns: 6, maxRuns: 100 });
    // Warm-up (2 calls each), then 3 rounds of 2-call blocks: a b, b a, a b.
    expect(calls.join('')).toBe('aabb' + 'aabb' + 'bbaa' + 'aabb');
    expect(a?.runs).toBe(6);
    expect(a?.seconds).toBeGreaterThanOrEqual(0.001);
    expect(b?.seconds).toBeGreaterThanOrEqual(0.003);
    expect(b?.p25Seconds).toBeLessThanOrEqual(b?.p75Seconds as number);
  });
});

describe('quiesce', () => {
  it('waits while another thread of the process keeps a core busy', async () => {
    const spinner = new Worker('const end = Date.now() + 150; while (Date.now() < end);', { eval: true });
    await new Promise((resolve) => spinner.once('online', resolve));
    const waited = await quiesce();
    await spinner.terminate();
    expect(waited).toBeGreaterThan(80);
    expect(await quiesce()).toBeLessThan(80);
  });
});
