// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { QuantizeTensorSpec as _edgepress_kernels_v1_QuantizeTensorSpec, QuantizeTensorSpec__Output as _edgepress_kernels_v1_QuantizeTensorSpec__Output } from '../../../edgepress/kernels/v1/QuantizeTensorSpec';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface QuantizeTensorArgs {
  'x'?: (_edgepress_kernels_v1_Tensor | null);
  'spec'?: (_edgepress_kernels_v1_QuantizeTensorSpec | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface QuantizeTensorArgs__Output {
  'x': (_edgepress_kernels_v1_Tensor__Output | null);
  'spec': (_edgepress_kernels_v1_QuantizeTensorSpec__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
