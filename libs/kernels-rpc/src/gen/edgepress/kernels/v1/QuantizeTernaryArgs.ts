// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface QuantizeTernaryArgs {
  'x'?: (_edgepress_kernels_v1_Tensor | null);
  'axis'?: (number);
  'scale'?: (_edgepress_kernels_v1_Tensor | null);
  'thresholdRatio'?: (number | string);
  'threshold'?: (_edgepress_kernels_v1_Tensor | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_axis'?: "axis";
  '_scale'?: "scale";
  '_thresholdRatio'?: "thresholdRatio";
  '_threshold'?: "threshold";
}

export interface QuantizeTernaryArgs__Output {
  'x': (_edgepress_kernels_v1_Tensor__Output | null);
  'axis'?: (number);
  'scale'?: (_edgepress_kernels_v1_Tensor__Output | null);
  'thresholdRatio'?: (number);
  'threshold'?: (_edgepress_kernels_v1_Tensor__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_axis'?: "axis";
  '_scale'?: "scale";
  '_thresholdRatio'?: "thresholdRatio";
  '_threshold'?: "threshold";
}
