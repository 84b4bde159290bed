// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MaskedTensor as _edgepress_kernels_v1_MaskedTensor, MaskedTensor__Output as _edgepress_kernels_v1_MaskedTensor__Output } from '../../../edgepress/kernels/v1/MaskedTensor';

export interface MaskedTensorList {
  'tensors'?: (_edgepress_kernels_v1_MaskedTensor)[];
}

export interface MaskedTensorList__Output {
  'tensors': (_edgepress_kernels_v1_MaskedTensor__Output)[];
}
