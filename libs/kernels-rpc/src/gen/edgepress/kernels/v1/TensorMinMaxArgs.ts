// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { ScaleLayout as _edgepress_kernels_v1_ScaleLayout, ScaleLayout__Output as _edgepress_kernels_v1_ScaleLayout__Output } from '../../../edgepress/kernels/v1/ScaleLayout';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface TensorMinMaxArgs {
  'x'?: (_edgepress_kernels_v1_Tensor | null);
  'layout'?: (_edgepress_kernels_v1_ScaleLayout | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface TensorMinMaxArgs__Output {
  'x': (_edgepress_kernels_v1_Tensor__Output | null);
  'layout': (_edgepress_kernels_v1_ScaleLayout__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
