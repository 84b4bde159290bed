// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface CalibrationUpdate {
  'batch'?: (_edgepress_kernels_v1_Tensor | null);
}

export interface CalibrationUpdate__Output {
  'batch': (_edgepress_kernels_v1_Tensor__Output | null);
}
