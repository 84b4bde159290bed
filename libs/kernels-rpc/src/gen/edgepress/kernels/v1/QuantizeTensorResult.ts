// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { QuantizationParams as _edgepress_kernels_v1_QuantizationParams, QuantizationParams__Output as _edgepress_kernels_v1_QuantizationParams__Output } from '../../../edgepress/kernels/v1/QuantizationParams';

export interface QuantizeTensorResult {
  'quantized'?: (_edgepress_kernels_v1_Tensor | null);
  'params'?: (_edgepress_kernels_v1_QuantizationParams | null);
}

export interface QuantizeTensorResult__Output {
  'quantized': (_edgepress_kernels_v1_Tensor__Output | null);
  'params': (_edgepress_kernels_v1_QuantizationParams__Output | null);
}
