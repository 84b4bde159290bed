// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QuantizeTernaryArgs as _edgepress_kernels_v1_QuantizeTernaryArgs, QuantizeTernaryArgs__Output as _edgepress_kernels_v1_QuantizeTernaryArgs__Output } from '../../../edgepress/kernels/v1/QuantizeTernaryArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QuantizeTernaryRequest {
  'args'?: (_edgepress_kernels_v1_QuantizeTernaryArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface QuantizeTernaryRequest__Output {
  'args'?: (_edgepress_kernels_v1_QuantizeTernaryArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
