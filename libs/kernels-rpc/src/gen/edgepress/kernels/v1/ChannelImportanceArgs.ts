// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { Norm as _edgepress_kernels_v1_Norm, Norm__Output as _edgepress_kernels_v1_Norm__Output } from '../../../edgepress/kernels/v1/Norm';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface ChannelImportanceArgs {
  'tensor'?: (_edgepress_kernels_v1_Tensor | null);
  'axis'?: (number);
  'norm'?: (_edgepress_kernels_v1_Norm);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_axis'?: "axis";
}

export interface ChannelImportanceArgs__Output {
  'tensor': (_edgepress_kernels_v1_Tensor__Output | null);
  'axis'?: (number);
  'norm': (_edgepress_kernels_v1_Norm__Output);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_axis'?: "axis";
}
