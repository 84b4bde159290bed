// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QlinearMatmulResult as _edgepress_kernels_v1_QlinearMatmulResult, QlinearMatmulResult__Output as _edgepress_kernels_v1_QlinearMatmulResult__Output } from '../../../edgepress/kernels/v1/QlinearMatmulResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QlinearMatmulResponse {
  'result'?: (_edgepress_kernels_v1_QlinearMatmulResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface QlinearMatmulResponse__Output {
  'result'?: (_edgepress_kernels_v1_QlinearMatmulResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
