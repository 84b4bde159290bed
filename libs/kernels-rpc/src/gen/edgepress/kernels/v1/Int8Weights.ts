// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { PackedInt8Weights as _edgepress_kernels_v1_PackedInt8Weights, PackedInt8Weights__Output as _edgepress_kernels_v1_PackedInt8Weights__Output } from '../../../edgepress/kernels/v1/PackedInt8Weights';

export interface Int8Weights {
  'dense'?: (_edgepress_kernels_v1_Tensor | null);
  'packed'?: (_edgepress_kernels_v1_PackedInt8Weights | null);
  'form'?: "dense"|"packed";
}

export interface Int8Weights__Output {
  'dense'?: (_edgepress_kernels_v1_Tensor__Output | null);
  'packed'?: (_edgepress_kernels_v1_PackedInt8Weights__Output | null);
  'form'?: "dense"|"packed";
}
