// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface QuantizeInt4WeightsArgs {
  'w'?: (_edgepress_kernels_v1_Tensor | null);
  'blockSize'?: (number);
  'symmetric'?: (boolean);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_blockSize'?: "blockSize";
}

export interface QuantizeInt4WeightsArgs__Output {
  'w': (_edgepress_kernels_v1_Tensor__Output | null);
  'blockSize'?: (number);
  'symmetric': (boolean);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_blockSize'?: "blockSize";
}
