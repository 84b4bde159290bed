// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Int4Weights as _edgepress_kernels_v1_Int4Weights, Int4Weights__Output as _edgepress_kernels_v1_Int4Weights__Output } from '../../../edgepress/kernels/v1/Int4Weights';

export interface QuantizeInt4WeightsResult {
  'weights'?: (_edgepress_kernels_v1_Int4Weights | null);
}

export interface QuantizeInt4WeightsResult__Output {
  'weights': (_edgepress_kernels_v1_Int4Weights__Output | null);
}
