// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { PackSparseArgs as _edgepress_kernels_v1_PackSparseArgs, PackSparseArgs__Output as _edgepress_kernels_v1_PackSparseArgs__Output } from '../../../edgepress/kernels/v1/PackSparseArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface PackSparseRequest {
  'args'?: (_edgepress_kernels_v1_PackSparseArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface PackSparseRequest__Output {
  'args'?: (_edgepress_kernels_v1_PackSparseArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
