// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { ApplyMagnitudeMaskArgs as _edgepress_kernels_v1_ApplyMagnitudeMaskArgs, ApplyMagnitudeMaskArgs__Output as _edgepress_kernels_v1_ApplyMagnitudeMaskArgs__Output } from '../../../edgepress/kernels/v1/ApplyMagnitudeMaskArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface ApplyMagnitudeMaskRequest {
  'args'?: (_edgepress_kernels_v1_ApplyMagnitudeMaskArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface ApplyMagnitudeMaskRequest__Output {
  'args'?: (_edgepress_kernels_v1_ApplyMagnitudeMaskArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
