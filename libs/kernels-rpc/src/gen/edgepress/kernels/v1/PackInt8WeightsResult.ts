// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { PackedInt8Weights as _edgepress_kernels_v1_PackedInt8Weights, PackedInt8Weights__Output as _edgepress_kernels_v1_PackedInt8Weights__Output } from '../../../edgepress/kernels/v1/PackedInt8Weights';

export interface PackInt8WeightsResult {
  'weights'?: (_edgepress_kernels_v1_PackedInt8Weights | null);
}

export interface PackInt8WeightsResult__Output {
  'weights': (_edgepress_kernels_v1_PackedInt8Weights__Output | null);
}
