// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QuantizeInt4WeightsResult as _edgepress_kernels_v1_QuantizeInt4WeightsResult, QuantizeInt4WeightsResult__Output as _edgepress_kernels_v1_QuantizeInt4WeightsResult__Output } from '../../../edgepress/kernels/v1/QuantizeInt4WeightsResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QuantizeInt4WeightsResponse {
  'result'?: (_edgepress_kernels_v1_QuantizeInt4WeightsResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface QuantizeInt4WeightsResponse__Output {
  'result'?: (_edgepress_kernels_v1_QuantizeInt4WeightsResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
