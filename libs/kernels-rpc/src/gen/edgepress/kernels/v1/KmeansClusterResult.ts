// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface KmeansClusterResult {
  'codebook'?: (_edgepress_kernels_v1_Tensor | null);
  'indices'?: (_edgepress_kernels_v1_Tensor | null);
  'mse'?: (number | string);
  'iterations'?: (number);
}

export interface KmeansClusterResult__Output {
  'codebook': (_edgepress_kernels_v1_Tensor__Output | null);
  'indices': (_edgepress_kernels_v1_Tensor__Output | null);
  'mse': (number);
  'iterations': (number);
}
