// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { UnpackSparseArgs as _edgepress_kernels_v1_UnpackSparseArgs, UnpackSparseArgs__Output as _edgepress_kernels_v1_UnpackSparseArgs__Output } from '../../../edgepress/kernels/v1/UnpackSparseArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface UnpackSparseRequest {
  'args'?: (_edgepress_kernels_v1_UnpackSparseArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface UnpackSparseRequest__Output {
  'args'?: (_edgepress_kernels_v1_UnpackSparseArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
