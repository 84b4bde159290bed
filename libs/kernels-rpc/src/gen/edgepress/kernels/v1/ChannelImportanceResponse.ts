// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { ChannelImportanceResult as _edgepress_kernels_v1_ChannelImportanceResult, ChannelImportanceResult__Output as _edgepress_kernels_v1_ChannelImportanceResult__Output } from '../../../edgepress/kernels/v1/ChannelImportanceResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface ChannelImportanceResponse {
  'result'?: (_edgepress_kernels_v1_ChannelImportanceResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface ChannelImportanceResponse__Output {
  'result'?: (_edgepress_kernels_v1_ChannelImportanceResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
