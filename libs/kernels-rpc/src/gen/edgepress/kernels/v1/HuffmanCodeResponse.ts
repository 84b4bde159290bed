// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { HuffmanCodeResult as _edgepress_kernels_v1_HuffmanCodeResult, HuffmanCodeResult__Output as _edgepress_kernels_v1_HuffmanCodeResult__Output } from '../../../edgepress/kernels/v1/HuffmanCodeResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface HuffmanCodeResponse {
  'result'?: (_edgepress_kernels_v1_HuffmanCodeResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface HuffmanCodeResponse__Output {
  'result'?: (_edgepress_kernels_v1_HuffmanCodeResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
