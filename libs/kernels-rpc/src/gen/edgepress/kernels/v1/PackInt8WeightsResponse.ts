// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { PackInt8WeightsResult as _edgepress_kernels_v1_PackInt8WeightsResult, PackInt8WeightsResult__Output as _edgepress_kernels_v1_PackInt8WeightsResult__Output } from '../../../edgepress/kernels/v1/PackInt8WeightsResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface PackInt8WeightsResponse {
  'result'?: (_edgepress_kernels_v1_PackInt8WeightsResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface PackInt8WeightsResponse__Output {
  'result'?: (_edgepress_kernels_v1_PackInt8WeightsResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
