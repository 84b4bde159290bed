/**
 * Huffman coding of an index stream (k-means cluster indices) for Deep-Compression-style size
 * accounting: symbol counts, optimal code lengths, the total coded size in bits, and the
 * canonical code those lengths define. Native code: src/native/huffman_code.cc.
 *
 * Trust boundary (kernel calls): the stream's dtype and size cap and the thread count are checked
 * here. Tests: huffman.test.ts.
 */
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import type { KernelCallOptions } from './tensor';
import { expectMaxElements, expectThreads, invalidArgument, isTypedArrayOf, resourceExhausted } from './validate';

export interface HuffmanCode {
  /** Occurrences of each symbol 0..255. */
  readonly counts: Float64Array;
  /** Code length in bits of each symbol (0 when absent; 1 when it is the only symbol). */
  readonly lengths: Uint8Array;
  /** Sum of counts[s] * lengths[s]: the coded size of the stream, without the code table. */
  readonly totalBits: number;
}

export async function huffmanCode(stream: Uint8Array, options: KernelCallOptions = {}): Promise<HuffmanCode> {
  if (!isTypedArrayOf(stream, Uint8Array)) throw invalidArgument('Expected a Uint8Array for stream', 'stream');
  const maxElements = expectMaxElements(options.maxElements);
  if (stream.length > maxElements) throw resourceExhausted('stream', stream.length, maxElements);
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  return callNative('huffmanCode', () => native.huffmanCode(stream, threads, cancel));
}

/**
 * The canonical code of a set of code lengths (as DEFLATE assigns it): symbols sorted by
 * (length, symbol) get consecutive codes, shifted left whenever the length grows. Codes are
 * bigints because a length may exceed 32 bits for extremely skewed counts.
 */
export function canonicalCodes(lengths: Uint8Array): (bigint | undefined)[] {
  const symbols = Array.from(lengths.keys()).filter((s) => (lengths[s] as number) > 0);
  symbols.sort((a, b) => (lengths[a] as number) - (lengths[b] as number) || a - b);
  const codes: (bigint | undefined)[] = new Array(lengths.length).fill(undefined);
  let code = 0n;
  let length = 0;
  for (const s of symbols) {
    const l = lengths[s] as number;
    code <<= BigInt(l - length);
    length = l;
    codes[s] = code;
    code += 1n;
  }
  return codes;
}
