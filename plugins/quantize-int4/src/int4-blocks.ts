/**
 * 4-bit block-wise weights inside the sandbox, with exactly the rules of the kernels' MatMulNBits
 * quantizer (libs/kernels-native gemm_int4_quantize.cc), so that GPTQ's output and the kernel's
 * round-to-nearest output are interchangeable:
 *   asymmetric: range widened to include 0, scale = (max - min) / 15 (rounded to float),
 *               zero point round(-min / scale) clamped to [0, 15];
 *   symmetric:  zero point 8, scale = max(-min / 8, max / 7) so that neither end clips;
 *   a block of zeros gets scale 1; levels are round-half-even(float(w / scale)) + zero point.
 * Layouts: `levels` is [K, N] (one uint4 level per byte), scales/zero points are [N, blocks]
 * (MatMulNBits order). Converters write the MatMulNBits bytes and the opset-21
 * DequantizeLinear form.
 */

const SMALLEST_NORMAL = 1.1754943508222875e-38;

export interface BlockParams {
  readonly scale: number;
  readonly zeroPoint: number;
}

/** Quantization parameters of one block whose values lie in [lo, hi]. */
export function blockParams(lo: number, hi: number, symmetric: boolean): BlockParams {
  const min = Math.min(lo, 0);
  const max = Math.max(hi, 0);
  if (symmetric) {
    const scale = Math.max(-min / 8, max / 7);
    return scale < SMALLEST_NORMAL ? { scale: 1, zeroPoint: 8 } : { scale: Math.fround(scale), zeroPoint: 8 };
  }
  const scale = (max - min) / 15;
  if (scale < SMALLEST_NORMAL) return { scale: 1, zeroPoint: 0 };
  const zeroPoint = Math.min(15, Math.max(0, roundHalfToEven(-min / scale)));
  return { scale: Math.fround(scale), zeroPoint };
}

export function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The uint4 level of `value` in a block with these parameters (division in float, like the kernel). */
export function quantizeLevel(value: number, params: BlockParams): number {
  const level = roundHalfToEven(Math.fround(value / params.scale)) + params.zeroPoint;
  return Math.min(15, Math.max(0, level));
}

/** 4-bit weights of a [K, N] MatMul weight, as levels, before packing. */
export interface Int4Blocks {
  readonly k: number;
  readonly n: number;
  readonly blockSize: number;
  readonly symmetric: boolean;
  /** [K, N], one level (0..15) per element. */
  readonly levels: Uint8Array;
  /** [N, blocks]. */
  readonly scales: Float32Array;
  /** [N, blocks]; all 8 when symmetric. */
  readonly zeroPoints: Uint8Array;
}

export function blockCount(k: number, blockSize: number): number {
  return Math.ceil(k / blockSize);
}

/** The float weight these blocks stand for, [K, N]. */
export function dequantizeBlocks(blocks: Int4Blocks): Float32Array {
  const { k, n, blockSize } = blocks;
  const count = blockCount(k, blockSize);
  const out = new Float32Array(k * n);
  for (let row = 0; row < k; row++) {
    const block = Math.floor(row / blockSize);
    for (let col = 0; col < n; col++) {
      const at = col * count + block;
      out[row * n + col] = ((blocks.levels[row * n + col] as number) - (blocks.zeroPoints[at] as number)) * (blocks.scales[at] as number);
    }
  }
  return out;
}

/** MatMulNBits inputs: B [N, blocks, blockSize / 2] bytes (even k in the low nibble) and packed zero points [N, ceil(blocks / 2)]. */
export function packMatMulNBits(blocks: Int4Blocks): { packed: Uint8Array; zeroPoints?: Uint8Array } {
  const { k, n, blockSize } = blocks;
  const count = blockCount(k, blockSize);
  const blob = blockSize / 2;
  const packed = new Uint8Array(n * count * blob);
  for (let row = 0; row < k; row++) {
    const block = Math.floor(row / blockSize);
    const within = row - block * blockSize;
    for (let col = 0; col < n; col++) {
      const byte = (col * count + block) * blob + (within >> 1);
      packed[byte] = (packed[byte] as number) | ((blocks.levels[row * n + col] as number) << ((within & 1) * 4));
    }
  }
  if (blocks.symmetric) return { packed };
  const zpBytes = Math.ceil(count / 2);
  const zeroPoints = new Uint8Array(n * zpBytes);
  for (let col = 0; col < n; col++) {
    for (let block = 0; block < count; block++) {
      const byte = col * zpBytes + (block >> 1);
      zeroPoints[byte] = (zeroPoints[byte] as number) | ((blocks.zeroPoints[col * count + block] as number) << ((block & 1) * 4));
    }
  }
  return { packed, zeroPoints };
}

/** The inverse of packMatMulNBits (what the kernel returns, read back into levels). */
export function unpackMatMulNBits(
  shape: { k: number; n: number; blockSize: number; symmetric: boolean },
  packed: Uint8Array,
  scales: Float32Array,
  packedZeroPoints: Uint8Array | undefined,
): Int4Blocks {
  const { k, n, blockSize } = shape;
  const count = blockCount(k, blockSize);
  const blob = blockSize / 2;
  const levels = new Uint8Array(k * n);
  for (let row = 0; row < k; row++) {
    const block = Math.floor(row / blockSize);
    const within = row - block * blockSize;
    for (let col = 0; col < n; col++) {
      levels[row * n + col] = ((packed[(col * count + block) * blob + (within >> 1)] as number) >> ((within & 1) * 4)) & 0x0f;
    }
  }
  const zeroPoints = new Uint8Array(n * count).fill(8);
  if (packedZeroPoints !== undefined) {
    const zpBytes = Math.ceil(count / 2);
    for (let col = 0; col < n; col++) {
      for (let block = 0; block < count; block++) {
        zeroPoints[col * count + block] = ((packedZeroPoints[col * zpBytes + (block >> 1)] as number) >> ((block & 1) * 4)) & 0x0f;
      }
    }
  }
  return { k, n, blockSize, symmetric: packedZeroPoints === undefined, levels, scales, zeroPoints };
}

/**
 * The opset-21 block-wise DequantizeLinear form (axis 0, block_size): symmetric blocks become
 * int4 values level - 8 with no zero point, asymmetric ones uint4 levels with uint4 zero points.
 * Scales and zero points are [blocks, N].
 */
export function toDequantizeLinear(blocks: Int4Blocks): {
  values: Int8Array | Uint8Array;
  dataType: 'int4' | 'uint4';
  scales: Float32Array;
  zeroPoints?: Uint8Array;
} {
  const { k, n, blockSize } = blocks;
  const count = blockCount(k, blockSize);
  const scales = new Float32Array(count * n);
  const zeroPoints = new Uint8Array(count * n);
  for (let col = 0; col < n; col++) {
    for (let block = 0; block < count; block++) {
      scales[block * n + col] = blocks.scales[col * count + block] as number;
      zeroPoints[block * n + col] = blocks.zeroPoints[col * count + block] as number;
    }
  }
  if (blocks.symmetric) return { values: Int8Array.from(blocks.levels, (level) => level - 8), dataType: 'int4', scales };
  return { values: blocks.levels.slice(), dataType: 'uint4', scales, zeroPoints };
}
