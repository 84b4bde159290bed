// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { DequantizeLinearArgs as _edgepress_kernels_v1_DequantizeLinearArgs, DequantizeLinearArgs__Output as _edgepress_kernels_v1_DequantizeLinearArgs__Output } from '../../../edgepress/kernels/v1/DequantizeLinearArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface DequantizeLinearRequest {
  'args'?: (_edgepress_kernels_v1_DequantizeLinearArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface DequantizeLinearRequest__Output {
  'args'?: (_edgepress_kernels_v1_DequantizeLinearArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
