// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { TruncatedSvdResult as _edgepress_kernels_v1_TruncatedSvdResult, TruncatedSvdResult__Output as _edgepress_kernels_v1_TruncatedSvdResult__Output } from '../../../edgepress/kernels/v1/TruncatedSvdResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface TruncatedSvdResponse {
  'result'?: (_edgepress_kernels_v1_TruncatedSvdResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface TruncatedSvdResponse__Output {
  'result'?: (_edgepress_kernels_v1_TruncatedSvdResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
