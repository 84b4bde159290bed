// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QuantizeTensorArgs as _edgepress_kernels_v1_QuantizeTensorArgs, QuantizeTensorArgs__Output as _edgepress_kernels_v1_QuantizeTensorArgs__Output } from '../../../edgepress/kernels/v1/QuantizeTensorArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QuantizeTensorRequest {
  'args'?: (_edgepress_kernels_v1_QuantizeTensorArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface QuantizeTensorRequest__Output {
  'args'?: (_edgepress_kernels_v1_QuantizeTensorArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
