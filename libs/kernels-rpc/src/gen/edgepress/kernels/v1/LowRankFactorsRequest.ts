// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { TruncatedSvdArgs as _edgepress_kernels_v1_TruncatedSvdArgs, TruncatedSvdArgs__Output as _edgepress_kernels_v1_TruncatedSvdArgs__Output } from '../../../edgepress/kernels/v1/TruncatedSvdArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface LowRankFactorsRequest {
  'args'?: (_edgepress_kernels_v1_TruncatedSvdArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface LowRankFactorsRequest__Output {
  'args'?: (_edgepress_kernels_v1_TruncatedSvdArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
