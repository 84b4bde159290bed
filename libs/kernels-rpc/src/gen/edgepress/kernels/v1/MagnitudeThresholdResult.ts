// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MagnitudeThreshold as _edgepress_kernels_v1_MagnitudeThreshold, MagnitudeThreshold__Output as _edgepress_kernels_v1_MagnitudeThreshold__Output } from '../../../edgepress/kernels/v1/MagnitudeThreshold';

export interface MagnitudeThresholdResult {
  'threshold'?: (_edgepress_kernels_v1_MagnitudeThreshold | null);
}

export interface MagnitudeThresholdResult__Output {
  'threshold': (_edgepress_kernels_v1_MagnitudeThreshold__Output | null);
}
