// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface Tucker2ConvResult {
  'first'?: (_edgepress_kernels_v1_Tensor | null);
  'core'?: (_edgepress_kernels_v1_Tensor | null);
  'last'?: (_edgepress_kernels_v1_Tensor | null);
  'relativeError'?: (number | string);
}

export interface Tucker2ConvResult__Output {
  'first': (_edgepress_kernels_v1_Tensor__Output | null);
  'core': (_edgepress_kernels_v1_Tensor__Output | null);
  'last': (_edgepress_kernels_v1_Tensor__Output | null);
  'relativeError': (number);
}
