import { EdgepressError } from '@edgepress/errors';
import fs from 'node:fs';
import path from 'node:path';
import { PP_OCR_CLS, PP_OCR_DET, PP_OCR_REC, REAL_MODELS } from '../../test/fixtures/real-models';
import { checkModel } from '../graph/check';
import { summarizeModel } from '../summary/summarize';
import { readModel } from './read';
import { writeModel } from './write';

/**
 * Mutation test of trust boundary 2: seeded, deterministic corruptions of the real models (bit
 * flips, truncations, varint and length corruption, tag corruption, spliced garbage, deleted and
 * duplicated chunks). Every mutant must either parse, or be refused with EdgepressError
 * INVALID_MODEL; a mutant that parses must then survive the structural check, decoding of every
 * weight, the summary and writing, again with INVALID_MODEL as the only error allowed. Each case
 * is timed (a hang would show as a slow case, and the Jest timeout bounds the whole run).
 */

/** mulberry32: small, seedable, deterministic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Landmarks {
  /** Offsets of tags. */
  tags: number[];
  /** Offsets and byte lengths of length prefixes. */
  lengths: [number, number][];
  /** Offsets and byte lengths of varint values (dims, data types, attribute ints, versions). */
  varints: [number, number][];
  /** Start and end of short printable payloads (names of values, nodes, ops). */
  names: [number, number][];
}

/**
 * Finds protobuf structure without the schema (independently of the parser under test): a
 * length-delimited payload counts as a message when it parses completely as fields.
 */
function landmarks(bytes: Uint8Array): Landmarks {
  const found: Landmarks = { tags: [], lengths: [], varints: [], names: [] };
  const readVarint = (at: number, end: number): [number, number] | undefined => {
    let value = 0;
    for (let i = 0; i < 10 && at + i < end; i++) {
      const byte = bytes[at + i];
      if (i < 7) value += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) return [value, i + 1];
    }
    return undefined;
  };
  const parse = (start: number, end: number, depth: number, record: boolean): boolean => {
    const tags: number[] = [];
    const lengths: [number, number][] = [];
    const varints: [number, number][] = [];
    const nested: [number, number][] = [];
    let at = start;
    while (at < end) {
      const tag = readVarint(at, end);
      if (tag === undefined || tag[0] < 8) return false;
      tags.push(at);
      at += tag[1];
      const wire = tag[0] & 7;
      if (wire === 0) {
        const value = readVarint(at, end);
        if (value === undefined) return false;
        varints.push([at, value[1]]);
        at += value[1];
      } else if (wire === 1) at += 8;
      else if (wire === 5) at += 4;
      else if (wire === 2) {
        const length = readVarint(at, end);
        if (length === undefined || at + length[1] + length[0] > end) return false;
        lengths.push([at, length[1]]);
        at += length[1];
        nested.push([at, at + length[0]]);
        at += length[0];
      } else return false;
    }
    if (at !== end) return false;
    if (record) {
      found.tags.push(...tags);
      found.lengths.push(...lengths);
      found.varints.push(...varints);
      for (const [from, to] of nested) {
        if (to - from > 0 && to - from < 48 && bytes.subarray(from, to).every((byte) => byte >= 0x20 && byte < 0x7f)) found.names.push([from, to]);
      }
      for (const [from, to] of nested) if (depth < 12 && to > from && parse(from, to, depth + 1, false)) parse(from, to, depth + 1, true);
    }
    return true;
  };
  parse(0, bytes.length, 0, true);
  return found;
}

type Mutation = (bytes: Uint8Array, marks: Landmarks, next: () => number) => Uint8Array;

const pick = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)];
const garbage = (count: number, next: () => number) => Uint8Array.from({ length: count }, () => Math.floor(next() * 256));
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const MUTATIONS: Record<string, Mutation> = {
  bitFlip(bytes, marks, next) {
    const out = bytes.slice();
    const at = next() < 0.7 ? pick(marks.tags, next) + Math.floor(next() * 3) : Math.floor(next() * bytes.length);
    out[Math.min(at, out.length - 1)] ^= 1 << Math.floor(next() * 8);
    return out;
  },
  truncate(bytes, marks, next) {
    return bytes.slice(0, next() < 0.5 ? pick(marks.tags, next) + 1 : Math.floor(next() * bytes.length));
  },
  varintCorrupt(bytes, marks, next) {
    const out = bytes.slice();
    const [at] = pick(marks.lengths, next);
    const run = 1 + Math.floor(next() * 10);
    for (let i = 0; i < run && at + i < out.length; i++) out[at + i] |= 0x80;
    return out;
  },
  lengthCorrupt(bytes, marks, next) {
    const [at, size] = pick(marks.lengths, next);
    const choice = next();
    let original = 0;
    for (let i = size - 1; i >= 0; i--) original = original * 128 + (bytes[at + i] & 0x7f);
    const value = choice < 0.4 ? Math.max(0, original + Math.floor(next() * 7) - 3) : choice < 0.7 ? Math.floor(next() * 2 ** 31) : 0;
    const encoded: number[] = [];
    let rest = value;
    do {
      encoded.push((rest & 0x7f) | (rest >= 0x80 ? 0x80 : 0));
      rest = Math.floor(rest / 128);
    } while (rest > 0);
    return concat(bytes.subarray(0, at), Uint8Array.from(encoded), bytes.subarray(at + size));
  },
  varintValue(bytes, marks, next) {
    const [at, size] = pick(marks.varints, next);
    const choice = next();
    const value = choice < 0.3 ? BigInt(Math.floor(next() * 40)) : choice < 0.6 ? -BigInt(1 + Math.floor(next() * 1000)) : choice < 0.8 ? 2n ** BigInt(20 + Math.floor(next() * 43)) : BigInt(Math.floor(next() * 2 ** 31));
    const encoded: number[] = [];
    let rest = BigInt.asUintN(64, value);
    do {
      encoded.push(Number(rest & 0x7fn) | (rest >= 0x80n ? 0x80 : 0));
      rest >>= 7n;
    } while (rest > 0n);
    return concat(bytes.subarray(0, at), Uint8Array.from(encoded), bytes.subarray(at + size));
  },
  nameSwap(bytes, marks, next) {
    // Same-length names only, so that every length prefix stays right: rewires the graph (dangling inputs, cycles, duplicates).
    const [from, to] = pick(marks.names, next);
    const peers = marks.names.filter(([a, b]) => b - a === to - from && a !== from);
    if (peers.length === 0) return bytes.slice(0, from);
    const [a] = pick(peers, next);
    const out = bytes.slice();
    out.set(bytes.subarray(a, a + (to - from)), from);
    return out;
  },
  tagCorrupt(bytes, marks, next) {
    const out = bytes.slice();
    const at = pick(marks.tags, next);
    out[at] = (out[at] & 0x80) | Math.floor(next() * 128);
    return out;
  },
  spliceGarbage(bytes, marks, next) {
    const at = pick(marks.tags, next);
    return concat(bytes.subarray(0, at), garbage(1 + Math.floor(next() * 64), next), bytes.subarray(at));
  },
  deleteChunk(bytes, marks, next) {
    const at = pick(marks.tags, next);
    return concat(bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + 1 + Math.floor(next() * 32))));
  },
  duplicateChunk(bytes, marks, next) {
    const from = pick(marks.tags, next);
    const chunk = bytes.subarray(from, Math.min(bytes.length, from + 2 + Math.floor(next() * 200)));
    const at = pick(marks.tags, next);
    return concat(bytes.subarray(0, at), chunk, bytes.subarray(at));
  },
};

interface Failure {
  model: string;
  kind: string;
  seed: number;
  step: string;
  error: string;
}

function attempt(step: string, fn: () => unknown, fail: (step: string, error: unknown) => void): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (!(error instanceof EdgepressError && error.code === 'INVALID_MODEL')) fail(step, error);
    return false;
  }
}

/** Reads a mutant and, if it parses, runs everything a caller would; returns whether it parsed. */
function exercise(input: Uint8Array, fail: (step: string, error: unknown) => void): boolean {
  let model: ReturnType<typeof readModel> | undefined;
  if (!attempt('readModel', () => (model = readModel(input)), fail) || model === undefined) return false;
  const parsed = model;
  attempt('checkModel', () => checkModel(parsed), fail);
  for (const weight of parsed.weights()) attempt('readWeight', () => parsed.readWeight(weight), fail);
  attempt('summarizeModel', () => summarizeModel(parsed), fail);
  attempt('writeModel', () => readModel(writeModel(parsed)), fail);
  return true;
}

const PLAN: [string, number][] = [
  ...REAL_MODELS.filter((file) => ![PP_OCR_DET, PP_OCR_REC, PP_OCR_CLS].includes(file)).map((file): [string, number] => [file, 250]),
  [PP_OCR_CLS, 200],
  [PP_OCR_DET, 40],
  [PP_OCR_REC, 40],
];

describe('mutations of the real models', () => {
  it('never crash, hang or throw anything but INVALID_MODEL (1,000+ seeded cases)', () => {
    const failures: Failure[] = [];
    let total = 0;
    let parsed = 0;
    let slowest = 0;
    const kinds = Object.keys(MUTATIONS);
    for (const [file, count] of PLAN) {
      const original = new Uint8Array(fs.readFileSync(file));
      const marks = landmarks(original);
      expect(marks.tags.length).toBeGreaterThan(100);
      for (let i = 0; i < count; i++) {
        const seed = total * 7919 + 13;
        const next = random(seed);
        const kind = kinds[i % kinds.length];
        const mutant = MUTATIONS[kind](original, marks, next);
        const started = performance.now();
        const fail = (step: string, error: unknown) =>
          failures.push({ model: path.basename(file), kind, seed, step, error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error) });
        if (exercise(mutant, fail)) parsed++;
        slowest = Math.max(slowest, performance.now() - started);
        total++;
      }
    }
    expect(failures).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(parsed).toBeGreaterThan(100);
    expect(total - parsed).toBeGreaterThan(300);
    expect(slowest).toBeLessThan(5000);
  }, 120_000);
});
