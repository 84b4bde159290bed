/** Deterministic benchmark inputs. */

export function randomFloats(count: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

export function randomBytes<T extends Int8Array | Uint8Array>(ctor: new (n: number) => T, count: number, seed: number): T {
  let s = seed >>> 0;
  const out = new ctor(count);
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** A copy of w with round(sparsity * length) elements set to zero, spread uniformly. */
export function sparsify(w: Float32Array, sparsity: number, seed: number): Float32Array {
  const out = w.slice();
  const order = Uint32Array.from({ length: w.length }, (_, i) => i);
  let s = seed >>> 0;
  const zeros = Math.round(sparsity * w.length);
  for (let i = 0; i < zeros; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = i + (s % (w.length - i));
    const picked = order[j] as number;
    order[j] = order[i] as number;
    order[i] = picked;
    out[picked] = 0;
  }
  return out;
}

/** Symmetric per-column int8 quantization of W [K, N]: B and one scale per column. */
export function quantizeColumns(w: Float32Array, k: number, n: number): { b: Int8Array; scale: Float32Array } {
  const scale = new Float32Array(n);
  for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) scale[j] = Math.max(scale[j] as number, Math.abs(w[i * n + j] as number));
  for (let j = 0; j < n; j++) scale[j] = Math.max((scale[j] as number) / 127, 1e-8);
  const b = new Int8Array(k * n);
  for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) b[i * n + j] = Math.max(-127, Math.min(127, Math.round((w[i * n + j] as number) / (scale[j] as number))));
  return { b, scale };
}
