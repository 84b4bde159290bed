// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface Int4Weights {
  'k'?: (number);
  'n'?: (number);
  'blockSize'?: (number);
  'data'?: (_edgepress_kernels_v1_Tensor | null);
  'scales'?: (_edgepress_kernels_v1_Tensor | null);
  'zeroPoints'?: (_edgepress_kernels_v1_Tensor | null);
  '_zeroPoints'?: "zeroPoints";
}

export interface Int4Weights__Output {
  'k': (number);
  'n': (number);
  'blockSize': (number);
  'data': (_edgepress_kernels_v1_Tensor__Output | null);
  'scales': (_edgepress_kernels_v1_Tensor__Output | null);
  'zeroPoints'?: (_edgepress_kernels_v1_Tensor__Output | null);
  '_zeroPoints'?: "zeroPoints";
}
