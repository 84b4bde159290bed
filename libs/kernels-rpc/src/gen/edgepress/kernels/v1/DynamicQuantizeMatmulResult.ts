// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface DynamicQuantizeMatmulResult {
  'y'?: (_edgepress_kernels_v1_Tensor | null);
  'aScale'?: (number | string);
  'aZeroPoint'?: (number);
}

export interface DynamicQuantizeMatmulResult__Output {
  'y': (_edgepress_kernels_v1_Tensor__Output | null);
  'aScale': (number);
  'aZeroPoint': (number);
}
