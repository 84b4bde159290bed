// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { DynamicQuantizeMatmulArgs as _edgepress_kernels_v1_DynamicQuantizeMatmulArgs, DynamicQuantizeMatmulArgs__Output as _edgepress_kernels_v1_DynamicQuantizeMatmulArgs__Output } from '../../../edgepress/kernels/v1/DynamicQuantizeMatmulArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface DynamicQuantizeMatmulRequest {
  'args'?: (_edgepress_kernels_v1_DynamicQuantizeMatmulArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface DynamicQuantizeMatmulRequest__Output {
  'args'?: (_edgepress_kernels_v1_DynamicQuantizeMatmulArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
