// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface MaskedTensor {
  'pruned'?: (_edgepress_kernels_v1_Tensor | null);
  'mask'?: (_edgepress_kernels_v1_Tensor | null);
}

export interface MaskedTensor__Output {
  'pruned': (_edgepress_kernels_v1_Tensor__Output | null);
  'mask': (_edgepress_kernels_v1_Tensor__Output | null);
}
