// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { TensorMinMaxResult as _edgepress_kernels_v1_TensorMinMaxResult, TensorMinMaxResult__Output as _edgepress_kernels_v1_TensorMinMaxResult__Output } from '../../../edgepress/kernels/v1/TensorMinMaxResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface TensorMinMaxResponse {
  'result'?: (_edgepress_kernels_v1_TensorMinMaxResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface TensorMinMaxResponse__Output {
  'result'?: (_edgepress_kernels_v1_TensorMinMaxResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
