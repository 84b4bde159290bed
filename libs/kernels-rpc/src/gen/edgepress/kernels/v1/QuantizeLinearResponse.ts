// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QuantizeLinearResult as _edgepress_kernels_v1_QuantizeLinearResult, QuantizeLinearResult__Output as _edgepress_kernels_v1_QuantizeLinearResult__Output } from '../../../edgepress/kernels/v1/QuantizeLinearResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QuantizeLinearResponse {
  'result'?: (_edgepress_kernels_v1_QuantizeLinearResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface QuantizeLinearResponse__Output {
  'result'?: (_edgepress_kernels_v1_QuantizeLinearResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
