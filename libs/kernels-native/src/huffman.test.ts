import { ErrorCode } from '@edgepress/errors';
import { TestRandom } from '../test/fixtures/seeded-data';
import { canonicalCodes, huffmanCode } from './huffman';

/** Optimal total bits by the textbook construction: repeatedly merge the two lightest weights. */
function referenceTotalBits(counts: number[]): number {
  const heap = counts.filter((c) => c > 0);
  if (heap.length <= 1) return heap[0] ?? 0;
  let total = 0;
  while (heap.length > 1) {
    heap.sort((a, b) => a - b);
    const merged = (heap.shift() as number) + (heap.shift() as number);
    total += merged; // every merge adds one bit to each symbol below it
    heap.push(merged);
  }
  return total;
}

function streamOf(counts: number[], rng: TestRandom): Uint8Array {
  const symbols: number[] = [];
  counts.forEach((c, s) => {
    for (let i = 0; i < c; i++) symbols.push(s);
  });
  for (let i = symbols.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [symbols[i], symbols[j]] = [symbols[j] as number, symbols[i] as number];
  }
  return Uint8Array.from(symbols);
}

function isPrefixFree(codes: (bigint | undefined)[], lengths: Uint8Array): boolean {
  const words = codes.flatMap((c, s) => (c === undefined ? [] : [c.toString(2).padStart(lengths[s] as number, '0')]));
  return words.every((a, i) => words.every((b, j) => i === j || !b.startsWith(a)));
}

describe('huffmanCode', () => {
  const rng = new TestRandom(41);
  const distributions: [string, number[]][] = [
    ['uniform over 256 symbols', Array.from({ length: 256 }, () => 40)],
    ['random counts with gaps', Array.from({ length: 256 }, () => (rng.next() < 0.3 ? 0 : rng.int(1, 500)))],
    ['two symbols', [0, 9, 0, 1]],
    ['Fibonacci counts (deep tree)', [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765]],
    ['k-means-like skew', Array.from({ length: 16 }, (_, s) => Math.round(5000 * Math.exp(-((s - 8) ** 2) / 8)) + 1)],
  ];

  it.each(distributions)('is optimal and satisfies Kraft equality: %s', async (_name, counts) => {
    const stream = streamOf(counts, rng);
    const code = await huffmanCode(stream, { threads: 1 });
    const again = await huffmanCode(stream, { threads: 2 });
    expect(Array.from(again.lengths)).toEqual(Array.from(code.lengths));
    expect(Array.from(code.counts.slice(0, counts.length))).toEqual(counts);
    expect(code.totalBits).toBe(referenceTotalBits(counts));
    expect(code.totalBits).toBe(counts.reduce((sum, c, s) => sum + c * (code.lengths[s] as number), 0));
    let kraft = 0;
    code.lengths.forEach((l, s) => {
      if ((code.counts[s] as number) > 0) {
        expect(l).toBeGreaterThan(0);
        kraft += 2 ** -l;
      } else {
        expect(l).toBe(0);
      }
    });
    expect(kraft).toBe(1);
    expect(isPrefixFree(canonicalCodes(code.lengths), code.lengths)).toBe(true);
  });

  it('codes a single-symbol stream with 1 bit per symbol and an empty stream with none', async () => {
    const single = await huffmanCode(new Uint8Array(1000).fill(7));
    expect(single.totalBits).toBe(1000);
    expect(single.lengths[7]).toBe(1);
    expect(single.lengths.reduce((a, b) => a + b, 0)).toBe(1);
    const empty = await huffmanCode(new Uint8Array(0));
    expect(empty.totalBits).toBe(0);
    expect(empty.lengths.every((l) => l === 0)).toBe(true);
  });

  it('assigns canonical codes in (length, symbol) order', () => {
    const lengths = new Uint8Array(256);
    lengths.set([2, 1, 3, 3], 0);
    expect(canonicalCodes(lengths).slice(0, 5)).toEqual([0b10n, 0b0n, 0b110n, 0b111n, undefined]);
  });

  it('rejects a stream that is not a Uint8Array, or above the cap', async () => {
    await expect(huffmanCode([1, 2] as never)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument: 'stream' } });
    await expect(huffmanCode(new Uint16Array(4) as never)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument: 'stream' } });
    await expect(huffmanCode(new Uint8Array(10), { maxElements: 9 })).rejects.toMatchObject({ code: ErrorCode.RESOURCE_EXHAUSTED });
    await expect(huffmanCode(new Uint8Array(10), { threads: 65 })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, details: { argument: 'threads' } });
  });
});
