/**
 * The kernel operators as one asynchronous interface, with the argument and result shapes of
 * @edgepress/kernels-native. Two implementations: createInProcessKernels (direct calls, for the
 * CLI and tests) and createKernelClient (gRPC to apps/kernel-server). Only types are imported
 * from kernels-native here, so a client process never loads the native addon.
 *
 * Remote calls take plain CSR/CSC matrices; prepared matrices (prepareSparseMatrix) are
 * in-process handles and exist only in createInProcessKernels' world.
 */
import type {
  ChannelImportanceOptions,
  CscMatrix,
  CsrMatrix,
  DynamicQuantizeMatMulOptions,
  DynamicQuantizeMatMulResult,
  GroupRange,
  HuffmanCode,
  Int4Weights,
  Int8Weights,
  KernelCallOptions,
  KMeansOptions,
  KMeansResult,
  LowRankFactors,
  LowRankOptions,
  MatMulNBitsOptions,
  MagnitudePruneOptions,
  MagnitudeThreshold,
  MaskedTensor,
  MatMulIntegerOptions,
  MatMulIntegerToFloatOptions,
  NmPattern,
  PackedInt8Weights,
  QLinearMatMulOptions,
  QuantizeInt4Options,
  RankSelection,
  SignQuantizedTensor,
  SignQuantizeOptions,
  SpmmOptions,
  TernaryQuantizeOptions,
  TruncatedSvd,
  Tucker2Factors,
  TuckerOptions,
  TuckerRanks,
  QuantizationParams,
  QuantizedTensor,
  QuantizedType,
  QuantizeOptions,
  QuantizeTensorOptions,
  QuantizeTensorResult,
  ScaleLayout,
  Tensor,
} from '@edgepress/kernels-native';
import type { CalibratorSessionOptions, KernelCalibrator } from './calibration/kernel-calibrator';

export interface KernelService {
  // quantization
  quantizeLinear(x: Tensor<Float32Array>, type: QuantizedType, params: QuantizationParams, options?: QuantizeOptions): Promise<QuantizedTensor>;
  dequantizeLinear(q: QuantizedTensor, params: QuantizationParams, options?: KernelCallOptions): Promise<Tensor<Float32Array>>;
  tensorMinMax(x: Tensor<Float32Array>, layout?: ScaleLayout, options?: KernelCallOptions): Promise<GroupRange>;
  quantizeTensor(x: Tensor<Float32Array>, spec: QuantizeTensorOptions, options?: KernelCallOptions): Promise<QuantizeTensorResult>;
  quantizeBinary(x: Tensor<Float32Array>, options?: SignQuantizeOptions): Promise<SignQuantizedTensor>;
  quantizeTernary(x: Tensor<Float32Array>, options?: TernaryQuantizeOptions): Promise<SignQuantizedTensor>;
  dequantizeSigned(q: SignQuantizedTensor, options?: KernelCallOptions): Promise<Tensor<Float32Array>>;
  // calibration over streamed batches (a stateful session)
  createCalibrator(options?: CalibratorSessionOptions): Promise<KernelCalibrator>;
  // int8 GEMM
  packInt8Weights(b: Tensor<Int8Array>, options?: KernelCallOptions): Promise<PackedInt8Weights>;
  matmulInteger(a: Tensor<Uint8Array | Int8Array>, b: Int8Weights, options?: MatMulIntegerOptions): Promise<Tensor<Int32Array>>;
  matmulIntegerToFloat(a: Tensor<Uint8Array | Int8Array>, b: Int8Weights, options: MatMulIntegerToFloatOptions): Promise<Tensor<Float32Array>>;
  qlinearMatmul(a: Tensor<Uint8Array | Int8Array>, b: Int8Weights, options: QLinearMatMulOptions): Promise<Tensor<Uint8Array | Int8Array>>;
  dynamicQuantizeMatmul(a: Tensor<Float32Array>, b: Int8Weights, options: DynamicQuantizeMatMulOptions): Promise<DynamicQuantizeMatMulResult>;
  // int4 GEMM
  quantizeInt4Weights(w: Tensor<Float32Array>, options?: QuantizeInt4Options): Promise<Int4Weights>;
  matmulNBits(a: Tensor<Float32Array>, b: Int4Weights, options?: MatMulNBitsOptions): Promise<Tensor<Float32Array>>;
  // sparsity
  magnitudeThreshold(tensors: readonly Tensor<Float32Array>[], sparsity: number, options?: KernelCallOptions): Promise<MagnitudeThreshold>;
  applyMagnitudeMask(tensors: readonly Tensor<Float32Array>[], threshold: MagnitudeThreshold, options?: KernelCallOptions): Promise<MaskedTensor[]>;
  pruneByMagnitude(tensors: readonly Tensor<Float32Array>[], sparsity: number, options?: MagnitudePruneOptions): Promise<MaskedTensor[]>;
  nmMask(tensor: Tensor<Float32Array>, pattern: NmPattern, options?: KernelCallOptions): Promise<MaskedTensor>;
  channelImportance(tensor: Tensor<Float32Array>, options?: ChannelImportanceOptions): Promise<Float64Array>;
  packCsr(matrix: Tensor<Float32Array>, options?: KernelCallOptions): Promise<CsrMatrix>;
  packCsc(matrix: Tensor<Float32Array>, options?: KernelCallOptions): Promise<CscMatrix>;
  unpackCsr(matrix: CsrMatrix, options?: KernelCallOptions): Promise<Tensor<Float32Array>>;
  unpackCsc(matrix: CscMatrix, options?: KernelCallOptions): Promise<Tensor<Float32Array>>;
  csrMatmul(a: CsrMatrix, b: Tensor<Float32Array>, options?: SpmmOptions): Promise<Tensor<Float32Array>>;
  matmulDenseCsc(x: Tensor<Float32Array>, w: CscMatrix, options?: SpmmOptions): Promise<Tensor<Float32Array>>;
  // weight clustering
  kmeansCluster(weights: Tensor<Float32Array>, k: number, options?: KMeansOptions): Promise<KMeansResult>;
  huffmanCode(stream: Uint8Array, options?: KernelCallOptions): Promise<HuffmanCode>;
  // low rank
  truncatedSvd(matrix: Tensor<Float32Array>, selection: RankSelection, options?: LowRankOptions): Promise<TruncatedSvd>;
  lowRankFactors(matrix: Tensor<Float32Array>, selection: RankSelection, options?: LowRankOptions): Promise<LowRankFactors>;
  tucker2Conv(weight: Tensor<Float32Array>, ranks: TuckerRanks, options?: TuckerOptions): Promise<Tucker2Factors>;
}

export type KernelMethod = keyof KernelService;
