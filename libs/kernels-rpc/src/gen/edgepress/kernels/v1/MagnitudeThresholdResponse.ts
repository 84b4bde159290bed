// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MagnitudeThresholdResult as _edgepress_kernels_v1_MagnitudeThresholdResult, MagnitudeThresholdResult__Output as _edgepress_kernels_v1_MagnitudeThresholdResult__Output } from '../../../edgepress/kernels/v1/MagnitudeThresholdResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface MagnitudeThresholdResponse {
  'result'?: (_edgepress_kernels_v1_MagnitudeThresholdResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface MagnitudeThresholdResponse__Output {
  'result'?: (_edgepress_kernels_v1_MagnitudeThresholdResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
