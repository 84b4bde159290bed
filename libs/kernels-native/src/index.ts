export { cpuFeatures } from './cpu-features';
export type { CpuFeatures } from './cpu-features';
export type { KernelCallOptions, KernelTypedArray, Tensor } from './tensor';
// part 1: quantization, calibration, GEMM
export { quantizeLinear, dequantizeLinear } from './quantize-linear';
export type { QuantizationParams, QuantizeOptions } from './quantize-linear';
export type { ScaleLayout } from './quantize-geometry';
export { computeQuantParams, computeQuantParamsPerChannel, roundHalfToEven } from './quantize-params';
export type { PerChannelQuantParams, QuantParams, QuantParamsOptions } from './quantize-params';
export { QUANTIZED_TYPES, quantizedRange } from './quantize-types';
export type { QuantizedRange, QuantizedTensor, QuantizedType } from './quantize-types';
export { quantizeTensor, tensorMinMax } from './quantize-weights';
export type { GroupRange, QuantizeTensorOptions, QuantizeTensorResult } from './quantize-weights';
export { dynamicQuantizeMatmul, matmulInteger, matmulIntegerToFloat, qlinearMatmul } from './gemm-int8';
export type {
  DynamicQuantizeMatMulOptions,
  DynamicQuantizeMatMulResult,
  Int8GemmOptions,
  MatMulIntegerOptions,
  MatMulIntegerToFloatOptions,
  QLinearMatMulOptions,
} from './gemm-int8';
export { int8Kernels, packInt8Weights, packedInt8ByteLength } from './gemm-int8-weights';
export type { Int8KernelName, Int8Weights, PackedInt8Weights } from './gemm-int8-weights';
export { int4Kernels, matmulNBits, prepareInt4Weights, quantizeInt4Weights } from './gemm-int4';
export type { Int4KernelName, Int4Weights, MatMulNBitsOptions, PreparedInt4Weights, QuantizeInt4Options } from './gemm-int4';
export { Calibrator } from './calibrate';
export type {
  CalibrationMethod,
  CalibrationParamsOptions,
  CalibrationRangeOptions,
  CalibratorOptions,
  CalibratorStats,
  HistogramSide,
  HistogramSnapshot,
} from './calibrate';
export { dequantizeSigned, quantizeBinary, quantizeTernary } from './quantize-binary';
export type { SignQuantizeOptions, SignQuantizedTensor, TernaryQuantizeOptions } from './quantize-binary';
// part 2: sparse, clustering, low rank
export { applyMagnitudeMask, magnitudeThreshold, pruneByMagnitude } from './magnitude-pruning';
export type { MagnitudePruneOptions, MagnitudeThreshold, MaskedTensor } from './magnitude-pruning';
export { nmMask } from './nm-mask';
export type { NmPattern } from './nm-mask';
export { channelImportance } from './channel-importance';
export type { ChannelImportanceOptions } from './channel-importance';
export { packCsc, packCsr, prepareSparseMatrix, unpackCsc, unpackCsr } from './csr';
export type { CscMatrix, CsrMatrix, PreparedSparseMatrix, SparseFormat, SparseMatrix } from './csr';
export { csrMatmul, matmulDenseCsc, sparseKernels } from './spmm';
export type { SparseKernelName, SpmmOptions } from './spmm';
export { kmeansCluster } from './kmeans';
export type { KMeansOptions, KMeansResult } from './kmeans';
export { canonicalCodes, huffmanCode } from './huffman';
export type { HuffmanCode } from './huffman';
export { lowRankFactors, MAX_LOW_RANK, truncatedSvd } from './lowrank-svd';
export type { LowRankFactors, LowRankOptions, RankSelection, TruncatedSvd } from './lowrank-svd';
export { tucker2Conv } from './lowrank-tucker';
export type { Tucker2Factors, TuckerOptions, TuckerRanks } from './lowrank-tucker';
// same-host shared memory (the kernel service's shared-memory transport)
export { createSharedRegion, expectSharedRegionHandle, MAX_SHARED_REGION_BYTES, openSharedRegion, sharedMemorySupported } from './shared-memory';
export type { SharedRegion, SharedRegionHandle } from './shared-memory';
