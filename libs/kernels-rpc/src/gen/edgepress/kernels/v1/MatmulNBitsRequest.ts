// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MatmulNBitsArgs as _edgepress_kernels_v1_MatmulNBitsArgs, MatmulNBitsArgs__Output as _edgepress_kernels_v1_MatmulNBitsArgs__Output } from '../../../edgepress/kernels/v1/MatmulNBitsArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface MatmulNBitsRequest {
  'args'?: (_edgepress_kernels_v1_MatmulNBitsArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface MatmulNBitsRequest__Output {
  'args'?: (_edgepress_kernels_v1_MatmulNBitsArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
