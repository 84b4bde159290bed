// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { LowRankFactorsResult as _edgepress_kernels_v1_LowRankFactorsResult, LowRankFactorsResult__Output as _edgepress_kernels_v1_LowRankFactorsResult__Output } from '../../../edgepress/kernels/v1/LowRankFactorsResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface LowRankFactorsResponse {
  'result'?: (_edgepress_kernels_v1_LowRankFactorsResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface LowRankFactorsResponse__Output {
  'result'?: (_edgepress_kernels_v1_LowRankFactorsResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
