// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MatmulIntegerArgs as _edgepress_kernels_v1_MatmulIntegerArgs, MatmulIntegerArgs__Output as _edgepress_kernels_v1_MatmulIntegerArgs__Output } from '../../../edgepress/kernels/v1/MatmulIntegerArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface MatmulIntegerRequest {
  'args'?: (_edgepress_kernels_v1_MatmulIntegerArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface MatmulIntegerRequest__Output {
  'args'?: (_edgepress_kernels_v1_MatmulIntegerArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
