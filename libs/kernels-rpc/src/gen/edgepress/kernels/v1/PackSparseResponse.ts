// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { PackSparseResult as _edgepress_kernels_v1_PackSparseResult, PackSparseResult__Output as _edgepress_kernels_v1_PackSparseResult__Output } from '../../../edgepress/kernels/v1/PackSparseResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface PackSparseResponse {
  'result'?: (_edgepress_kernels_v1_PackSparseResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface PackSparseResponse__Output {
  'result'?: (_edgepress_kernels_v1_PackSparseResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
