// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MatmulDenseCscArgs as _edgepress_kernels_v1_MatmulDenseCscArgs, MatmulDenseCscArgs__Output as _edgepress_kernels_v1_MatmulDenseCscArgs__Output } from '../../../edgepress/kernels/v1/MatmulDenseCscArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface MatmulDenseCscRequest {
  'args'?: (_edgepress_kernels_v1_MatmulDenseCscArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface MatmulDenseCscRequest__Output {
  'args'?: (_edgepress_kernels_v1_MatmulDenseCscArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
