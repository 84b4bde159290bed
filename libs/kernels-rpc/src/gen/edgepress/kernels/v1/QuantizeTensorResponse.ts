// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QuantizeTensorResult as _edgepress_kernels_v1_QuantizeTensorResult, QuantizeTensorResult__Output as _edgepress_kernels_v1_QuantizeTensorResult__Output } from '../../../edgepress/kernels/v1/QuantizeTensorResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QuantizeTensorResponse {
  'result'?: (_edgepress_kernels_v1_QuantizeTensorResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface QuantizeTensorResponse__Output {
  'result'?: (_edgepress_kernels_v1_QuantizeTensorResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
