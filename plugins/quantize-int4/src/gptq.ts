/**
 * GPTQ-style error-compensating rounding (Frantar et al., 2022) for a MatMul weight W [K, N]
 * (Y = X W), block-wise 4-bit with the kernels' parameter rules (int4-blocks.ts).
 *
 * With H = 2 X^T X over calibration rows (K x K), the input rows of W are quantized one at a time;
 * the rounding error of row k, divided by U[k, k], is pushed onto the rows not yet quantized
 * through row k of U, the upper Cholesky factor of H^-1 (H^-1 = U^T U). This is the optimal
 * (OBS) update of the remaining weights for the layer's output error on the calibration data.
 * A block's scale and zero point are chosen when its first row is reached, from the weights as
 * updated so far. No activation reordering (act-order would need MatMulNBits' deprecated g_idx).
 *
 * Cost: O(M K^2) for H, O(K^3) for the factorizations, O(K^2 N) for the updates; all in float64.
 */
import { EdgepressError, ErrorCode } from '@edgepress/plugin-sdk';
import { blockCount, blockParams, quantizeLevel, type BlockParams, type Int4Blocks } from './int4-blocks';

/** Accumulates H = 2 X^T X / rows over batches of MatMul inputs (any leading dims, last = K). */
export class HessianAccumulator {
  private readonly sum: Float64Array;
  private count = 0;

  constructor(readonly k: number) {
    this.sum = new Float64Array(k * k);
  }

  get rows(): number {
    return this.count;
  }

  add(values: Float32Array): void {
    const k = this.k;
    if (values.length % k !== 0) {
      throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `GPTQ: expected activations whose last dimension is ${k} but received ${values.length} values`);
    }
    const rows = values.length / k;
    const sum = this.sum;
    // Four rows at a time: each pass over the upper triangle of the sum serves four outer products.
    const x = new Float64Array(4 * k);
    for (let r0 = 0; r0 < rows; r0 += 4) {
      const group = Math.min(4, rows - r0);
      x.fill(0);
      for (let g = 0; g < group; g++) for (let i = 0; i < k; i++) x[g * k + i] = values[(r0 + g) * k + i] as number;
      for (let i = 0; i < k; i++) {
        const a0 = x[i] as number;
        const a1 = x[k + i] as number;
        const a2 = x[2 * k + i] as number;
        const a3 = x[3 * k + i] as number;
        if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
        const base = i * k;
        for (let j = i; j < k; j++) {
          sum[base + j] = (sum[base + j] as number) + a0 * (x[j] as number) + a1 * (x[k + j] as number) + a2 * (x[2 * k + j] as number) + a3 * (x[3 * k + j] as number);
        }
      }
    }
    this.count += rows;
  }

  hessian(): Float64Array {
    if (this.count === 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'GPTQ needs calibration activations but received none');
    const k = this.k;
    const h = new Float64Array(k * k);
    const factor = 2 / this.count;
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        const v = (this.sum[i * k + j] as number) * factor;
        h[i * k + j] = v;
        h[j * k + i] = v;
      }
    }
    return h;
  }
}

/** In-place lower Cholesky factor of a symmetric matrix (upper part left as is); false if not positive definite. */
function choleskyLower(a: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j] as number;
    for (let p = 0; p < j; p++) d -= (a[j * k + p] as number) ** 2;
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    a[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j] as number;
      const ri = i * k;
      const rj = j * k;
      for (let p = 0; p < j; p++) s -= (a[ri + p] as number) * (a[rj + p] as number);
      a[i * k + j] = s / ljj;
    }
  }
  return true;
}

/**
 * U, the upper Cholesky factor of H^-1, from one Cholesky and one triangular inverse: with J the
 * exchange matrix and J H J = L L^T, H^-1 = (J L^-1 J)^T (J L^-1 J) and J L^-1 J is upper
 * triangular with a positive diagonal, so it is U. Undefined when H is not positive definite.
 */
function upperFactorOfInverse(h: Float64Array, k: number): Float64Array | undefined {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) l[i * k + j] = h[(k - 1 - i) * k + (k - 1 - j)] as number;
  if (!choleskyLower(l, k)) return undefined;
  // M = (L^-1)^T, built row by row (row c of M is column c of L^-1) so that the inner loop is contiguous.
  const m = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const rc = c * k;
    m[rc + c] = 1 / (l[c * k + c] as number);
    for (let i = c + 1; i < k; i++) {
      const ri = i * k;
      let s = 0;
      for (let p = c; p < i; p++) s += (l[ri + p] as number) * (m[rc + p] as number);
      m[rc + i] = -s / (l[ri + i] as number);
    }
  }
  // U[i][j] = L^-1[k-1-i][k-1-j] = M[k-1-j][k-1-i].
  const u = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) u[i * k + j] = m[(k - 1 - j) * k + (k - 1 - i)] as number;
  return u;
}

export interface GptqOptions {
  readonly blockSize: number;
  readonly symmetric: boolean;
  /** Fraction of the mean diagonal of H added to the diagonal (GPTQ's percdamp), e.g. 0.01. */
  readonly dampening: number;
}

export interface GptqResult {
  readonly blocks: Int4Blocks;
  /** The dampening actually used (raised tenfold, at most 4 times, until H is positive definite). */
  readonly dampening: number;
}

/** The factor U of (H + damp I)^-1, raising the dampening until H is positive definite. */
function inverseFactor(hessian: Float64Array, k: number, dampening: number): { u: Float64Array; dampening: number } {
  let meanDiagonal = 0;
  for (let i = 0; i < k; i++) meanDiagonal += hessian[i * k + i] as number;
  meanDiagonal = meanDiagonal / k || 1;
  let damp = dampening;
  for (let attempt = 0; attempt < 5; attempt++, damp *= 10) {
    const a = Float64Array.from(hessian);
    for (let i = 0; i < k; i++) {
      // An input that is always zero carries no information: treat it as independent.
      if (a[i * k + i] === 0) a[i * k + i] = meanDiagonal;
      a[i * k + i] = (a[i * k + i] as number) + damp * meanDiagonal;
    }
    const u = upperFactorOfInverse(a, k);
    if (u !== undefined) return { u, dampening: damp };
  }
  throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `GPTQ: the Hessian of a ${k}-input layer is not positive definite even with dampening ${damp / 10}`);
}

const GROUP = 4;

function subtractScaled(w: Float64Array, base: number, error: Float64Array, factor: number, n: number): void {
  if (factor === 0) return;
  for (let col = 0; col < n; col++) w[base + col] = (w[base + col] as number) - (error[col] as number) * factor;
}

/** Scale and zero point of block `block` of every column, from rows [row, end) as updated so far. */
function chooseBlockParams(
  w: Float64Array,
  row: number,
  end: number,
  n: number,
  symmetric: boolean,
  params: BlockParams[],
  scales: Float32Array,
  zeroPoints: Uint8Array,
  block: number,
  count: number,
): void {
  for (let col = 0; col < n; col++) {
    let lo = 0;
    let hi = 0;
    for (let r = row; r < end; r++) {
      const v = Math.fround(w[r * n + col] as number);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const p = blockParams(lo, hi, symmetric);
    params[col] = p;
    scales[col * count + block] = p.scale;
    zeroPoints[col * count + block] = p.zeroPoint;
  }
}

/** Quantizes W [K, N] (row-major) with error feedback driven by the Hessian H [K, K]. */
export function gptqQuantize(weight: Float32Array, k: number, n: number, hessian: Float64Array, options: GptqOptions): GptqResult {
  if (weight.length !== k * n) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `GPTQ: expected ${k * n} weights for [${k}, ${n}] but received ${weight.length}`);
  if (hessian.length !== k * k) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `GPTQ: expected a ${k} x ${k} Hessian but received ${hessian.length} values`);
  const { blockSize, symmetric } = options;
  const { u, dampening } = inverseFactor(hessian, k, options.dampening);
  const count = blockCount(k, blockSize);
  const w = Float64Array.from(weight);
  const levels = new Uint8Array(k * n);
  const scales = new Float32Array(n * count);
  const zeroPoints = new Uint8Array(n * count);
  const params: BlockParams[] = new Array(n);
  // Rows are quantized in groups of GROUP (which divides every block size): the error feedback
  // within a group is applied row by row, to the rows after the group once per group.
  const errors = new Float64Array(GROUP * n);

  for (let first = 0; first < k; first += GROUP) {
    const end = Math.min(k, first + GROUP);
    for (let row = first; row < end; row++) {
      if (row % blockSize === 0) chooseBlockParams(w, row, Math.min(k, row + blockSize), n, symmetric, params, scales, zeroPoints, row / blockSize, count);
      const diagonal = u[row * k + row] as number;
      const error = errors.subarray((row - first) * n, (row - first + 1) * n);
      for (let col = 0; col < n; col++) {
        const p = params[col] as BlockParams;
        const value = w[row * n + col] as number;
        const level = quantizeLevel(Math.fround(value), p);
        levels[row * n + col] = level;
        error[col] = (value - (level - p.zeroPoint) * p.scale) / diagonal;
      }
      for (let next = row + 1; next < end; next++) subtractScaled(w, next * n, error, u[row * k + next] as number, n);
    }
    const rows = end - first;
    for (let next = end; next < k; next++) {
      const base = next * n;
      const f0 = u[first * k + next] as number;
      const f1 = rows > 1 ? (u[(first + 1) * k + next] as number) : 0;
      const f2 = rows > 2 ? (u[(first + 2) * k + next] as number) : 0;
      const f3 = rows > 3 ? (u[(first + 3) * k + next] as number) : 0;
      for (let col = 0; col < n; col++) {
        w[base + col] =
          (w[base + col] as number) -
          (errors[col] as number) * f0 -
          (errors[n + col] as number) * f1 -
          (errors[2 * n + col] as number) * f2 -
          (errors[3 * n + col] as number) * f3;
      }
    }
  }
  return { blocks: { k, n, blockSize, symmetric, levels, scales, zeroPoints }, dampening };
}
