// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface MagnitudeThresholdArgs {
  'tensors'?: (_edgepress_kernels_v1_Tensor)[];
  'sparsity'?: (number | string);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface MagnitudeThresholdArgs__Output {
  'tensors': (_edgepress_kernels_v1_Tensor__Output)[];
  'sparsity': (number);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
