// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';

export interface ColumnScale {
  'scalar'?: (number | string);
  'perColumn'?: (_edgepress_kernels_v1_Tensor | null);
  'value'?: "scalar"|"perColumn";
}

export interface ColumnScale__Output {
  'scalar'?: (number);
  'perColumn'?: (_edgepress_kernels_v1_Tensor__Output | null);
  'value'?: "scalar"|"perColumn";
}
