// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface TruncatedSvdResult {
  'u'?: (_edgepress_kernels_v1_Tensor | null);
  's'?: (_edgepress_kernels_v1_Tensor | null);
  'vt'?: (_edgepress_kernels_v1_Tensor | null);
  'rank'?: (number);
  'retainedEnergy'?: (number | string);
}

export interface TruncatedSvdResult__Output {
  'u': (_edgepress_kernels_v1_Tensor__Output | null);
  's': (_edgepress_kernels_v1_Tensor__Output | null);
  'vt': (_edgepress_kernels_v1_Tensor__Output | null);
  'rank': (number);
  'retainedEnergy': (number);
}
