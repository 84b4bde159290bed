// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QuantizeBinaryArgs as _edgepress_kernels_v1_QuantizeBinaryArgs, QuantizeBinaryArgs__Output as _edgepress_kernels_v1_QuantizeBinaryArgs__Output } from '../../../edgepress/kernels/v1/QuantizeBinaryArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QuantizeBinaryRequest {
  'args'?: (_edgepress_kernels_v1_QuantizeBinaryArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface QuantizeBinaryRequest__Output {
  'args'?: (_edgepress_kernels_v1_QuantizeBinaryArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
