// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { Int4Weights as _edgepress_kernels_v1_Int4Weights, Int4Weights__Output as _edgepress_kernels_v1_Int4Weights__Output } from '../../../edgepress/kernels/v1/Int4Weights';
import type { Int4Kernel as _edgepress_kernels_v1_Int4Kernel, Int4Kernel__Output as _edgepress_kernels_v1_Int4Kernel__Output } from '../../../edgepress/kernels/v1/Int4Kernel';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface MatmulNBitsArgs {
  'a'?: (_edgepress_kernels_v1_Tensor | null);
  'b'?: (_edgepress_kernels_v1_Int4Weights | null);
  'bias'?: (_edgepress_kernels_v1_Tensor | null);
  'kernel'?: (_edgepress_kernels_v1_Int4Kernel);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_bias'?: "bias";
}

export interface MatmulNBitsArgs__Output {
  'a': (_edgepress_kernels_v1_Tensor__Output | null);
  'b': (_edgepress_kernels_v1_Int4Weights__Output | null);
  'bias'?: (_edgepress_kernels_v1_Tensor__Output | null);
  'kernel': (_edgepress_kernels_v1_Int4Kernel__Output);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_bias'?: "bias";
}
