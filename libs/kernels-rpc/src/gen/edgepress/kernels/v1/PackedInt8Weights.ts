// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface PackedInt8Weights {
  'k'?: (number);
  'n'?: (number);
  'data'?: (_edgepress_kernels_v1_Tensor | null);
}

export interface PackedInt8Weights__Output {
  'k': (number);
  'n': (number);
  'data': (_edgepress_kernels_v1_Tensor__Output | null);
}
