// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface QuantizationParams {
  'scale'?: (_edgepress_kernels_v1_Tensor | null);
  'zeroPoint'?: (_edgepress_kernels_v1_Tensor | null);
  'axis'?: (number);
  'blockSize'?: (number);
  '_zeroPoint'?: "zeroPoint";
  '_axis'?: "axis";
  '_blockSize'?: "blockSize";
}

export interface QuantizationParams__Output {
  'scale': (_edgepress_kernels_v1_Tensor__Output | null);
  'zeroPoint'?: (_edgepress_kernels_v1_Tensor__Output | null);
  'axis'?: (number);
  'blockSize'?: (number);
  '_zeroPoint'?: "zeroPoint";
  '_axis'?: "axis";
  '_blockSize'?: "blockSize";
}
