// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QuantizeLinearArgs as _edgepress_kernels_v1_QuantizeLinearArgs, QuantizeLinearArgs__Output as _edgepress_kernels_v1_QuantizeLinearArgs__Output } from '../../../edgepress/kernels/v1/QuantizeLinearArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QuantizeLinearRequest {
  'args'?: (_edgepress_kernels_v1_QuantizeLinearArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface QuantizeLinearRequest__Output {
  'args'?: (_edgepress_kernels_v1_QuantizeLinearArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
