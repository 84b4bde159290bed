// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { DequantizeLinearResult as _edgepress_kernels_v1_DequantizeLinearResult, DequantizeLinearResult__Output as _edgepress_kernels_v1_DequantizeLinearResult__Output } from '../../../edgepress/kernels/v1/DequantizeLinearResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface DequantizeSignedResponse {
  'result'?: (_edgepress_kernels_v1_DequantizeLinearResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface DequantizeSignedResponse__Output {
  'result'?: (_edgepress_kernels_v1_DequantizeLinearResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
