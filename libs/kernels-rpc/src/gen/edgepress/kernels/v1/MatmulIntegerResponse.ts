// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MatmulIntegerResult as _edgepress_kernels_v1_MatmulIntegerResult, MatmulIntegerResult__Output as _edgepress_kernels_v1_MatmulIntegerResult__Output } from '../../../edgepress/kernels/v1/MatmulIntegerResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface MatmulIntegerResponse {
  'result'?: (_edgepress_kernels_v1_MatmulIntegerResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface MatmulIntegerResponse__Output {
  'result'?: (_edgepress_kernels_v1_MatmulIntegerResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
