// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { PackInt8WeightsArgs as _edgepress_kernels_v1_PackInt8WeightsArgs, PackInt8WeightsArgs__Output as _edgepress_kernels_v1_PackInt8WeightsArgs__Output } from '../../../edgepress/kernels/v1/PackInt8WeightsArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface PackInt8WeightsRequest {
  'args'?: (_edgepress_kernels_v1_PackInt8WeightsArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface PackInt8WeightsRequest__Output {
  'args'?: (_edgepress_kernels_v1_PackInt8WeightsArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
