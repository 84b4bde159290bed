// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { Int8Weights as _edgepress_kernels_v1_Int8Weights, Int8Weights__Output as _edgepress_kernels_v1_Int8Weights__Output } from '../../../edgepress/kernels/v1/Int8Weights';
import type { Int8Kernel as _edgepress_kernels_v1_Int8Kernel, Int8Kernel__Output as _edgepress_kernels_v1_Int8Kernel__Output } from '../../../edgepress/kernels/v1/Int8Kernel';
import type { ColumnScale as _edgepress_kernels_v1_ColumnScale, ColumnScale__Output as _edgepress_kernels_v1_ColumnScale__Output } from '../../../edgepress/kernels/v1/ColumnScale';
import type { ColumnZeroPoint as _edgepress_kernels_v1_ColumnZeroPoint, ColumnZeroPoint__Output as _edgepress_kernels_v1_ColumnZeroPoint__Output } from '../../../edgepress/kernels/v1/ColumnZeroPoint';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface DynamicQuantizeMatmulArgs {
  'a'?: (_edgepress_kernels_v1_Tensor | null);
  'b'?: (_edgepress_kernels_v1_Int8Weights | null);
  'kernel'?: (_edgepress_kernels_v1_Int8Kernel);
  'bScale'?: (_edgepress_kernels_v1_ColumnScale | null);
  'bZeroPoint'?: (_edgepress_kernels_v1_ColumnZeroPoint | null);
  'bias'?: (_edgepress_kernels_v1_Tensor | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_bias'?: "bias";
}

export interface DynamicQuantizeMatmulArgs__Output {
  'a': (_edgepress_kernels_v1_Tensor__Output | null);
  'b': (_edgepress_kernels_v1_Int8Weights__Output | null);
  'kernel': (_edgepress_kernels_v1_Int8Kernel__Output);
  'bScale': (_edgepress_kernels_v1_ColumnScale__Output | null);
  'bZeroPoint': (_edgepress_kernels_v1_ColumnZeroPoint__Output | null);
  'bias'?: (_edgepress_kernels_v1_Tensor__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_bias'?: "bias";
}
