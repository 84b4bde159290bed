// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { HuffmanCodeArgs as _edgepress_kernels_v1_HuffmanCodeArgs, HuffmanCodeArgs__Output as _edgepress_kernels_v1_HuffmanCodeArgs__Output } from '../../../edgepress/kernels/v1/HuffmanCodeArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface HuffmanCodeRequest {
  'args'?: (_edgepress_kernels_v1_HuffmanCodeArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface HuffmanCodeRequest__Output {
  'args'?: (_edgepress_kernels_v1_HuffmanCodeArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
