// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { DynamicQuantizeMatmulResult as _edgepress_kernels_v1_DynamicQuantizeMatmulResult, DynamicQuantizeMatmulResult__Output as _edgepress_kernels_v1_DynamicQuantizeMatmulResult__Output } from '../../../edgepress/kernels/v1/DynamicQuantizeMatmulResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface DynamicQuantizeMatmulResponse {
  'result'?: (_edgepress_kernels_v1_DynamicQuantizeMatmulResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface DynamicQuantizeMatmulResponse__Output {
  'result'?: (_edgepress_kernels_v1_DynamicQuantizeMatmulResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
