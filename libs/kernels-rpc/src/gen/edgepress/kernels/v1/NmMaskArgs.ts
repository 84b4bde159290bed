// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface NmMaskArgs {
  'tensor'?: (_edgepress_kernels_v1_Tensor | null);
  'n'?: (number);
  'm'?: (number);
  'axis'?: (number);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_axis'?: "axis";
}

export interface NmMaskArgs__Output {
  'tensor': (_edgepress_kernels_v1_Tensor__Output | null);
  'n': (number);
  'm': (number);
  'axis'?: (number);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_axis'?: "axis";
}
