// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { LowRankOptions as _edgepress_kernels_v1_LowRankOptions, LowRankOptions__Output as _edgepress_kernels_v1_LowRankOptions__Output } from '../../../edgepress/kernels/v1/LowRankOptions';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface Tucker2ConvArgs {
  'weight'?: (_edgepress_kernels_v1_Tensor | null);
  'outRank'?: (number);
  'inRank'?: (number);
  'lowRank'?: (_edgepress_kernels_v1_LowRankOptions | null);
  'hooiIterations'?: (number);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_hooiIterations'?: "hooiIterations";
}

export interface Tucker2ConvArgs__Output {
  'weight': (_edgepress_kernels_v1_Tensor__Output | null);
  'outRank': (number);
  'inRank': (number);
  'lowRank': (_edgepress_kernels_v1_LowRankOptions__Output | null);
  'hooiIterations'?: (number);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_hooiIterations'?: "hooiIterations";
}
