// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { MagnitudeThreshold as _edgepress_kernels_v1_MagnitudeThreshold, MagnitudeThreshold__Output as _edgepress_kernels_v1_MagnitudeThreshold__Output } from '../../../edgepress/kernels/v1/MagnitudeThreshold';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface ApplyMagnitudeMaskArgs {
  'tensors'?: (_edgepress_kernels_v1_Tensor)[];
  'threshold'?: (_edgepress_kernels_v1_MagnitudeThreshold | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface ApplyMagnitudeMaskArgs__Output {
  'tensors': (_edgepress_kernels_v1_Tensor__Output)[];
  'threshold': (_edgepress_kernels_v1_MagnitudeThreshold__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
