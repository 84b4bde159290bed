// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MatmulResult as _edgepress_kernels_v1_MatmulResult, MatmulResult__Output as _edgepress_kernels_v1_MatmulResult__Output } from '../../../edgepress/kernels/v1/MatmulResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface MatmulNBitsResponse {
  'result'?: (_edgepress_kernels_v1_MatmulResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface MatmulNBitsResponse__Output {
  'result'?: (_edgepress_kernels_v1_MatmulResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
