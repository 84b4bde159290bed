// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { TensorMinMaxArgs as _edgepress_kernels_v1_TensorMinMaxArgs, TensorMinMaxArgs__Output as _edgepress_kernels_v1_TensorMinMaxArgs__Output } from '../../../edgepress/kernels/v1/TensorMinMaxArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface TensorMinMaxRequest {
  'args'?: (_edgepress_kernels_v1_TensorMinMaxArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface TensorMinMaxRequest__Output {
  'args'?: (_edgepress_kernels_v1_TensorMinMaxArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
