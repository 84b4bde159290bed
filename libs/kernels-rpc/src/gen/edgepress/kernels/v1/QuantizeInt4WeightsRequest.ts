// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QuantizeInt4WeightsArgs as _edgepress_kernels_v1_QuantizeInt4WeightsArgs, QuantizeInt4WeightsArgs__Output as _edgepress_kernels_v1_QuantizeInt4WeightsArgs__Output } from '../../../edgepress/kernels/v1/QuantizeInt4WeightsArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QuantizeInt4WeightsRequest {
  'args'?: (_edgepress_kernels_v1_QuantizeInt4WeightsArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface QuantizeInt4WeightsRequest__Output {
  'args'?: (_edgepress_kernels_v1_QuantizeInt4WeightsArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
