// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Int8Operands as _edgepress_kernels_v1_Int8Operands, Int8Operands__Output as _edgepress_kernels_v1_Int8Operands__Output } from '../../../edgepress/kernels/v1/Int8Operands';
import type { ColumnScale as _edgepress_kernels_v1_ColumnScale, ColumnScale__Output as _edgepress_kernels_v1_ColumnScale__Output } from '../../../edgepress/kernels/v1/ColumnScale';
import type { DataType as _edgepress_kernels_v1_DataType, DataType__Output as _edgepress_kernels_v1_DataType__Output } from '../../../edgepress/kernels/v1/DataType';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface QlinearMatmulArgs {
  'operands'?: (_edgepress_kernels_v1_Int8Operands | null);
  'aScale'?: (number | string);
  'bScale'?: (_edgepress_kernels_v1_ColumnScale | null);
  'yScale'?: (number | string);
  'yZeroPoint'?: (number);
  'yType'?: (_edgepress_kernels_v1_DataType);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_aScale'?: "aScale";
  '_yScale'?: "yScale";
  '_yZeroPoint'?: "yZeroPoint";
}

export interface QlinearMatmulArgs__Output {
  'operands': (_edgepress_kernels_v1_Int8Operands__Output | null);
  'aScale'?: (number);
  'bScale': (_edgepress_kernels_v1_ColumnScale__Output | null);
  'yScale'?: (number);
  'yZeroPoint'?: (number);
  'yType': (_edgepress_kernels_v1_DataType__Output);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_aScale'?: "aScale";
  '_yScale'?: "yScale";
  '_yZeroPoint'?: "yZeroPoint";
}
