import type { TensorHandle } from '../tensor';

/**
 * Kernels run on the host (in the platform: on the gRPC kernel service). Tensors go in and come
 * out as handles; small results (norms, thresholds) come back by value.
 */

export type IntegerType = 'int8' | 'uint8' | 'int4' | 'uint4';

export interface QuantizeOptions {
  readonly dataType: IntegerType;
  readonly granularity: 'per-tensor' | 'per-channel' | 'block';
  /** Channel axis (per-channel) or blocked axis (block); may be negative. */
  readonly axis?: number;
  readonly blockSize?: number;
  /** Zero point 0 (int) or the middle of the range (uint). Default true. */
  readonly symmetric?: boolean;
  /** 7-bit range for 8-bit types. Default false. */
  readonly reduceRange?: boolean;
}

export interface QuantizedTensor {
  readonly quantized: TensorHandle;
  /** float: [] per tensor, [channels] per channel, block shape for block-wise. */
  readonly scale: TensorHandle;
  readonly zeroPoint: TensorHandle;
}

export interface BinaryQuantized {
  /** int8 values in {-1, 1} (binary) or {-1, 0, 1} (ternary). */
  readonly signs: TensorHandle;
  /** float, one per channel along `axis`. */
  readonly scale: TensorHandle;
}

export interface MatMulNBitsWeights {
  /** uint8 [N, blocks, blockSize / 2]: the com.microsoft MatMulNBits `B` input. */
  readonly packed: TensorHandle;
  /** float [N * blocks]. */
  readonly scales: TensorHandle;
  /** uint8 packed zero points, absent when symmetric. */
  readonly zeroPoints?: TensorHandle;
  readonly k: number;
  readonly n: number;
  readonly blockSize: number;
}

export interface CsrMatrix {
  readonly indptr: TensorHandle;
  readonly indices: TensorHandle;
  readonly values: TensorHandle;
  readonly rows: number;
  readonly cols: number;
}

export interface KMeansResult {
  readonly codebook: TensorHandle;
  /** uint8 cluster index per element, same dims as the input. */
  readonly indices: TensorHandle;
  readonly meanSquaredError: number;
}

export interface LowRankFactors {
  /** [rows, rank] */
  readonly left: TensorHandle;
  /** [rank, cols] */
  readonly right: TensorHandle;
  readonly rank: number;
  /** Fraction of the squared Frobenius norm kept. */
  readonly energy: number;
}

export interface Tucker2Factors {
  /** [rIn, Cin, 1, 1] */
  readonly first: TensorHandle;
  /** [rOut, rIn, kh, kw] */
  readonly core: TensorHandle;
  /** [Cout, rOut, 1, 1] */
  readonly last: TensorHandle;
  /** [outRank, inRank]: the first two dims of `core`. */
  readonly ranks: readonly [number, number];
  readonly relativeError: number;
}

export interface KernelApi {
  quantize(input: TensorHandle, options: QuantizeOptions): Promise<QuantizedTensor>;
  dequantize(input: QuantizedTensor, options: { readonly axis?: number; readonly blockSize?: number }): Promise<TensorHandle>;
  /**
   * Binary signs, or ternary when `ternaryThreshold` is given: elements with |x| <= ternaryThreshold
   * x mean |x| of their channel become 0 (0.7 is the Ternary Weight Networks choice).
   */
  quantizeBinary(input: TensorHandle, options: { readonly axis: number; readonly ternaryThreshold?: number }): Promise<BinaryQuantized>;
  /** Packs a float [K, N] MatMul weight into the com.microsoft MatMulNBits layout (4 bits). */
  quantizeMatMulNBits(weight: TensorHandle, options: { readonly blockSize: number; readonly symmetric?: boolean }): Promise<MatMulNBitsWeights>;
  /** The magnitude below which `sparsity` of all elements of `inputs` lie (global threshold). */
  magnitudeThreshold(inputs: readonly TensorHandle[], sparsity: number): Promise<number>;
  /** Zeroes every element with |x| <= threshold. */
  magnitudePrune(input: TensorHandle, threshold: number): Promise<TensorHandle>;
  /** Keeps the n largest |x| in every group of m consecutive elements along `axis`. */
  nmPrune(input: TensorHandle, options: { readonly n: number; readonly m: number; readonly axis: number }): Promise<TensorHandle>;
  /** L1 or L2 norm of every slice along `axis` (e.g. output channels of a Conv weight at axis 0). */
  channelImportance(input: TensorHandle, options: { readonly axis: number; readonly norm: 'l1' | 'l2' }): Promise<Float32Array>;
  csrPack(input: TensorHandle): Promise<CsrMatrix>;
  kmeans(input: TensorHandle, options: { readonly k: number; readonly seed?: number; readonly maxIterations?: number }): Promise<KMeansResult>;
  /** Huffman code lengths per symbol of a uint8 index stream, and the total encoded bits. */
  huffmanCodeLengths(indices: TensorHandle): Promise<{ readonly lengths: Uint8Array; readonly totalBits: number }>;
  /** Truncated SVD of a 2-D weight at a rank, or at the smallest rank keeping `energy`. */
  lowRank(input: TensorHandle, options: { readonly rank?: number; readonly energy?: number; readonly seed?: number }): Promise<LowRankFactors>;
  /** Give `ranks` ([outRank, inRank]) or `energy` (each rank keeps that share of its unfolding's squared norm). */
  tucker2(weight: TensorHandle, options: { readonly ranks?: readonly [number, number]; readonly energy?: number }): Promise<Tucker2Factors>;
}
