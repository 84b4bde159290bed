// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { PruneScope as _edgepress_kernels_v1_PruneScope, PruneScope__Output as _edgepress_kernels_v1_PruneScope__Output } from '../../../edgepress/kernels/v1/PruneScope';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface PruneByMagnitudeArgs {
  'tensors'?: (_edgepress_kernels_v1_Tensor)[];
  'sparsity'?: (number | string);
  'scope'?: (_edgepress_kernels_v1_PruneScope);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface PruneByMagnitudeArgs__Output {
  'tensors': (_edgepress_kernels_v1_Tensor__Output)[];
  'sparsity': (number);
  'scope': (_edgepress_kernels_v1_PruneScope__Output);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
