// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface LowRankFactorsResult {
  'a'?: (_edgepress_kernels_v1_Tensor | null);
  'b'?: (_edgepress_kernels_v1_Tensor | null);
  'rank'?: (number);
  'retainedEnergy'?: (number | string);
}

export interface LowRankFactorsResult__Output {
  'a': (_edgepress_kernels_v1_Tensor__Output | null);
  'b': (_edgepress_kernels_v1_Tensor__Output | null);
  'rank': (number);
  'retainedEnergy': (number);
}
