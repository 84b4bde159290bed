// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Int8Operands as _edgepress_kernels_v1_Int8Operands, Int8Operands__Output as _edgepress_kernels_v1_Int8Operands__Output } from '../../../edgepress/kernels/v1/Int8Operands';
import type { ColumnScale as _edgepress_kernels_v1_ColumnScale, ColumnScale__Output as _edgepress_kernels_v1_ColumnScale__Output } from '../../../edgepress/kernels/v1/ColumnScale';
import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface MatmulIntegerToFloatArgs {
  'operands'?: (_edgepress_kernels_v1_Int8Operands | null);
  'aScale'?: (number | string);
  'bScale'?: (_edgepress_kernels_v1_ColumnScale | null);
  'bias'?: (_edgepress_kernels_v1_Tensor | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_aScale'?: "aScale";
  '_bias'?: "bias";
}

export interface MatmulIntegerToFloatArgs__Output {
  'operands': (_edgepress_kernels_v1_Int8Operands__Output | null);
  'aScale'?: (number);
  'bScale': (_edgepress_kernels_v1_ColumnScale__Output | null);
  'bias'?: (_edgepress_kernels_v1_Tensor__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_aScale'?: "aScale";
  '_bias'?: "bias";
}
