// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { DataType as _edgepress_kernels_v1_DataType, DataType__Output as _edgepress_kernels_v1_DataType__Output } from '../../../edgepress/kernels/v1/DataType';
import type { QuantizationParams as _edgepress_kernels_v1_QuantizationParams, QuantizationParams__Output as _edgepress_kernels_v1_QuantizationParams__Output } from '../../../edgepress/kernels/v1/QuantizationParams';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface QuantizeLinearArgs {
  'x'?: (_edgepress_kernels_v1_Tensor | null);
  'type'?: (_edgepress_kernels_v1_DataType);
  'params'?: (_edgepress_kernels_v1_QuantizationParams | null);
  'reduceRange'?: (boolean);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface QuantizeLinearArgs__Output {
  'x': (_edgepress_kernels_v1_Tensor__Output | null);
  'type': (_edgepress_kernels_v1_DataType__Output);
  'params': (_edgepress_kernels_v1_QuantizationParams__Output | null);
  'reduceRange': (boolean);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
