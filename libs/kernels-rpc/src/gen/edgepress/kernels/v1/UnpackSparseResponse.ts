// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { UnpackSparseResult as _edgepress_kernels_v1_UnpackSparseResult, UnpackSparseResult__Output as _edgepress_kernels_v1_UnpackSparseResult__Output } from '../../../edgepress/kernels/v1/UnpackSparseResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface UnpackSparseResponse {
  'result'?: (_edgepress_kernels_v1_UnpackSparseResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface UnpackSparseResponse__Output {
  'result'?: (_edgepress_kernels_v1_UnpackSparseResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
