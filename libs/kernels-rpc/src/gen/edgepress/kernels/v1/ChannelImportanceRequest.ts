// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { ChannelImportanceArgs as _edgepress_kernels_v1_ChannelImportanceArgs, ChannelImportanceArgs__Output as _edgepress_kernels_v1_ChannelImportanceArgs__Output } from '../../../edgepress/kernels/v1/ChannelImportanceArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface ChannelImportanceRequest {
  'args'?: (_edgepress_kernels_v1_ChannelImportanceArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface ChannelImportanceRequest__Output {
  'args'?: (_edgepress_kernels_v1_ChannelImportanceArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
