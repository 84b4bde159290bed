// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { NmMaskArgs as _edgepress_kernels_v1_NmMaskArgs, NmMaskArgs__Output as _edgepress_kernels_v1_NmMaskArgs__Output } from '../../../edgepress/kernels/v1/NmMaskArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface NmMaskRequest {
  'args'?: (_edgepress_kernels_v1_NmMaskArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface NmMaskRequest__Output {
  'args'?: (_edgepress_kernels_v1_NmMaskArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
