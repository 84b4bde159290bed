// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { SignKind as _edgepress_kernels_v1_SignKind, SignKind__Output as _edgepress_kernels_v1_SignKind__Output } from '../../../edgepress/kernels/v1/SignKind';
import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface SignQuantizedTensor {
  'kind'?: (_edgepress_kernels_v1_SignKind);
  'codes'?: (_edgepress_kernels_v1_Tensor | null);
  'axis'?: (number);
  'scale'?: (_edgepress_kernels_v1_Tensor | null);
  'threshold'?: (_edgepress_kernels_v1_Tensor | null);
  '_axis'?: "axis";
  '_threshold'?: "threshold";
}

export interface SignQuantizedTensor__Output {
  'kind': (_edgepress_kernels_v1_SignKind__Output);
  'codes': (_edgepress_kernels_v1_Tensor__Output | null);
  'axis'?: (number);
  'scale': (_edgepress_kernels_v1_Tensor__Output | null);
  'threshold'?: (_edgepress_kernels_v1_Tensor__Output | null);
  '_axis'?: "axis";
  '_threshold'?: "threshold";
}
