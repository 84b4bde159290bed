// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { RankSelection as _edgepress_kernels_v1_RankSelection, RankSelection__Output as _edgepress_kernels_v1_RankSelection__Output } from '../../../edgepress/kernels/v1/RankSelection';
import type { LowRankOptions as _edgepress_kernels_v1_LowRankOptions, LowRankOptions__Output as _edgepress_kernels_v1_LowRankOptions__Output } from '../../../edgepress/kernels/v1/LowRankOptions';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface TruncatedSvdArgs {
  'matrix'?: (_edgepress_kernels_v1_Tensor | null);
  'selection'?: (_edgepress_kernels_v1_RankSelection | null);
  'lowRank'?: (_edgepress_kernels_v1_LowRankOptions | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface TruncatedSvdArgs__Output {
  'matrix': (_edgepress_kernels_v1_Tensor__Output | null);
  'selection': (_edgepress_kernels_v1_RankSelection__Output | null);
  'lowRank': (_edgepress_kernels_v1_LowRankOptions__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
