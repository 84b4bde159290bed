// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MagnitudeThresholdArgs as _edgepress_kernels_v1_MagnitudeThresholdArgs, MagnitudeThresholdArgs__Output as _edgepress_kernels_v1_MagnitudeThresholdArgs__Output } from '../../../edgepress/kernels/v1/MagnitudeThresholdArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface MagnitudeThresholdRequest {
  'args'?: (_edgepress_kernels_v1_MagnitudeThresholdArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface MagnitudeThresholdRequest__Output {
  'args'?: (_edgepress_kernels_v1_MagnitudeThresholdArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
