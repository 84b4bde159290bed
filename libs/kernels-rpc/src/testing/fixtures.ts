/** Deterministic inputs and result normalisation shared by this package's tests. */

/** A small LCG: the same numbers on every run and machine. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function randomFloats(count: number, seed: number, scale = 1): Float32Array {
  const rand = random(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (rand() * 2 - 1) * scale;
  return out;
}

export function randomInts<T extends Int8Array | Uint8Array | Int32Array>(ctor: new (n: number) => T, count: number, lo: number, hi: number, seed: number): T {
  const rand = random(seed);
  const out = new ctor(count);
  for (let i = 0; i < count; i++) out[i] = lo + Math.floor(rand() * (hi - lo + 1));
  return out;
}

/**
 * Typed arrays as { array: constructor name, values } so that toEqual compares element types too
 * (Jest treats an Int8Array and a Uint8Array with the same numbers as different anyway, but this
 * also prints readable diffs).
 */
export function normalise(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return { array: value.constructor.name, values: Array.from(value as unknown as ArrayLike<number>) };
  }
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}
